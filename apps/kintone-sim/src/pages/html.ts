/**
 * Server-rendered pages. Every interpolated value is escaped unless it is itself a `SafeHtml` built here,
 * so no user or record data can become markup.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((v, i) => {
    out += render(v) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

const styles = `
  body{font-family:"Noto Sans JP","Hiragino Sans","Yu Gothic",Meiryo,Arial,sans-serif;margin:0;color:#333;background:#f5f5f5}
  header.k-header{background:#fff;border-bottom:1px solid #e3e7e8;padding:10px 24px;display:flex;align-items:center;gap:16px}
  header.k-header .k-brand{font-weight:700;color:#3498db;text-decoration:none}
  header.k-header .k-user{margin-left:auto;font-size:13px;color:#666}
  main{max-width:1040px;margin:24px auto;background:#fff;border:1px solid #e3e7e8;padding:24px 32px}
  h1{font-size:22px;margin:0 0 16px} h2{font-size:17px}
  table{border-collapse:collapse;width:100%} th,td{border:1px solid #e3e7e8;padding:8px;text-align:left;vertical-align:top}
  th{background:#f7f9fa;font-weight:600}
  label{display:block;margin:12px 0 4px;font-weight:600}
  input[type=text],input[type=url],input[type=password],input[type=file],textarea{width:100%;max-width:520px;padding:8px;border:1px solid #ccc;box-sizing:border-box}
  .k-button{display:inline-block;padding:8px 20px;border:1px solid #e3e7e8;background:#f7f9fa;color:#3498db;cursor:pointer;text-decoration:none;font-size:14px}
  .k-button-primary{background:#3498db;color:#fff;border-color:#3498db}
  .k-button-danger{color:#e74c3c}
  .k-error{border:1px solid #e74c3c;background:#fdecea;padding:16px;color:#a94442}
  .k-notice{border:1px solid #3498db;background:#eaf4fb;padding:12px}
  .k-muted{color:#777;font-size:13px} code{background:#f0f0f0;padding:1px 4px}
`;

/** A page in Kintone's plain style, with the signed-in user (if any) in the header. */
export function page(options: {
  title: string;
  body: SafeHtml;
  user?: { name: string } | undefined;
  lang?: string;
  head?: SafeHtml;
}): string {
  return html`<!doctype html>
<html lang="${options.lang ?? 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title><style>${new SafeHtml(styles)}</style>${options.head ?? ''}</head>
<body>
<header class="k-header"><a class="k-brand" href="/k/">kintone</a><span class="k-muted">(local stand-in)</span>
${options.user ? html`<span class="k-user">${options.user.name} · <a href="/logout">Sign out</a></span>` : ''}</header>
<main>${options.body}</main>
</body></html>`.value;
}
