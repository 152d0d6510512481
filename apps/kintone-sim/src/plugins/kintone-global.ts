/**
 * The `kintone` global the sim's pages load from /k/static/kintone.js (platform notes §5). It reads the
 * page's context from `window.__KINTONE_SIM__` (an inline bootstrap written by pages.ts) and calls the sim's
 * endpoints with the session cookie. Plain ES2017 so it runs unbundled in any browser the tests use.
 */

/** What pages.ts puts into `window.__KINTONE_SIM__`. */
export interface PageContext {
  publicUrl: string;
  page: 'portal' | 'config' | 'index' | 'detail' | 'mobile-index' | 'mobile-detail' | 'plugin-list';
  appId: number | null;
  recordId: number | null;
  loginUser: Record<string, unknown>;
  requestToken: string;
  /** Settings of the app's plug-ins (what getConfig returns), by plug-in ID. */
  pluginConfigs: Record<string, Record<string, string>>;
  /** On the settings page: the plug-in being configured and its saved proxy entries. */
  settingsPluginId?: string;
  proxyConfigs?: {
    url: string;
    method: string;
    headers: Record<string, string>;
    data: Record<string, string>;
  }[];
  /** The show event this page fires once the plug-ins' scripts have run. */
  event?: Record<string, unknown>;
  /** The record as kintone.app.record.get() returns it. */
  record?: Record<string, unknown>;
}

export const KINTONE_JS = String.raw`(function () {
  'use strict';
  var ctx = window.__KINTONE_SIM__ || {};
  var handlers = {};
  var handlerDepth = 0;

  function copy(value) { return value == null ? value : JSON.parse(JSON.stringify(value)); }
  function isDesktop() { return ctx.page === 'index' || ctx.page === 'detail'; }
  function isMobile() { return ctx.page === 'mobile-index' || ctx.page === 'mobile-detail'; }

  // Every call to the sim carries the session cookie and the header Kintone uses against CSRF.
  function send(url, method, body) {
    var init = {
      method: method,
      credentials: 'same-origin',
      headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' }
    };
    if (body !== undefined) init.body = JSON.stringify(body);
    return fetch(url, init).then(function (res) {
      return res.text().then(function (text) {
        var json;
        try { json = text ? JSON.parse(text) : {}; } catch (e) { json = { message: text }; }
        if (!res.ok) {
          if (json && typeof json === 'object' && !Array.isArray(json)) json.status = res.status;
          throw json;
        }
        return json;
      });
    });
  }

  function settle(promise, success, failure) {
    return promise.then(function (value) {
      if (typeof success === 'function') success(value);
      return value;
    }, function (error) {
      if (typeof failure === 'function') { failure(error); return undefined; }
      throw error;
    });
  }

  // qs-style query string (fields[0]=a, a[b]=c), the form Kintone's REST API reads for GET.
  function toQuery(params, prefix) {
    var parts = [];
    Object.keys(params || {}).forEach(function (key) {
      var value = params[key];
      var name = prefix ? prefix + '[' + key + ']' : key;
      if (value === undefined) return;
      if (value !== null && typeof value === 'object') {
        var inner = toQuery(value, name);
        if (inner) parts.push(inner);
      } else {
        parts.push(encodeURIComponent(name) + '=' + encodeURIComponent(value === null ? '' : String(value)));
      }
    });
    return parts.join('&');
  }

  // URLs built from publicUrl are made same-origin, so the session cookie goes with them.
  function sameOrigin(url) {
    if (ctx.publicUrl && url.indexOf(ctx.publicUrl + '/') === 0) return url.slice(ctx.publicUrl.length);
    return url;
  }

  function apiUrl(path) {
    var p = String(path).replace(/\.json$/, '');
    if (p.charAt(0) !== '/') p = '/' + p;
    if (p.indexOf('/k/') !== 0) p = '/k/v1' + p;
    return ctx.publicUrl + p + '.json';
  }

  function api(pathOrUrl, method, params, success, failure) {
    var m = String(method || 'GET').toUpperCase();
    var url = sameOrigin(/^https?:/.test(pathOrUrl) ? pathOrUrl : (/\.json(\?|$)/.test(pathOrUrl) ? pathOrUrl : apiUrl(pathOrUrl)));
    var promise;
    if (m === 'GET' || m === 'DELETE') {
      var query = toQuery(params || {});
      promise = send(query ? url + (url.indexOf('?') < 0 ? '?' : '&') + query : url, m);
    } else {
      promise = send(url, m, params || {});
    }
    return settle(promise, success, failure);
  }
  api.url = function (path, detectGuestSpace) { return apiUrl(path); };
  api.urlForGet = function (path, params, detectGuestSpace) {
    var query = toQuery(params || {});
    return apiUrl(path) + (query ? '?' + query : '');
  };
  api.getConcurrencyLimit = function () { return Promise.resolve({ limit: 100, running: 0 }); };

  function el(id) { return document.getElementById(id); }

  function proxyCall(pluginId, url, method, headers, data, success, failure) {
    var promise = send('/k/api/plugin/proxy.json', 'POST', {
      app: ctx.appId, pluginId: pluginId, url: url, method: String(method || 'GET').toUpperCase(),
      headers: headers || {}, data: data === undefined || data === null ? {} : data
    });
    return promise.then(function (answer) {
      if (typeof success === 'function') success(answer[0], answer[1], answer[2]);
      return answer;
    }, function (error) {
      if (typeof failure === 'function') { failure(error); return undefined; }
      throw error;
    });
  }

  function toFlow() { window.location.href = '../../flow?app=' + encodeURIComponent(String(ctx.appId)); }

  var kintone = {
    $PLUGIN_ID: undefined,
    Promise: Promise,
    api: api,
    getRequestToken: function () { return ctx.requestToken; },
    getLoginUser: function () { return copy(ctx.loginUser); },
    getUiVersion: function () { return 2; },
    events: {
      on: function (types, handler) {
        (Array.isArray(types) ? types : [types]).forEach(function (t) {
          (handlers[t] = handlers[t] || []).push(handler);
        });
      },
      off: function (types, handler) {
        if (types === undefined) { handlers = {}; return true; }
        var found = false;
        (Array.isArray(types) ? types : [types]).forEach(function (t) {
          var list = handlers[t] || [];
          if (handler === undefined) { found = found || list.length > 0; handlers[t] = []; return; }
          var i = list.indexOf(handler);
          if (i >= 0) { list.splice(i, 1); found = true; }
        });
        return found;
      }
    },
    app: {
      getId: function () { return isDesktop() || ctx.page === 'config' || ctx.page === 'plugin-list' ? ctx.appId : null; },
      getHeaderSpaceElement: function () { return ctx.page === 'index' ? el('kintone-header-space') : null; },
      getHeaderMenuSpaceElement: function () { return ctx.page === 'index' ? el('kintone-header-menu-space') : null; },
      record: {
        getId: function () { return ctx.page === 'detail' ? ctx.recordId : null; },
        // Kintone forbids this inside an event handler (use event.record); the sim answers null there.
        get: function () { return ctx.page === 'detail' && handlerDepth === 0 ? { record: copy(ctx.record) } : null; },
        getSpaceElement: function (id) { return ctx.page === 'detail' ? el('user-js-' + id) : null; },
        getHeaderMenuSpaceElement: function () { return ctx.page === 'detail' ? el('kintone-record-header-menu-space') : null; }
      }
    },
    mobile: {
      app: {
        getId: function () { return isMobile() ? ctx.appId : null; },
        getHeaderSpaceElement: function () { return isMobile() ? el('kintone-mobile-header-space') : null; },
        record: {
          getId: function () { return ctx.page === 'mobile-detail' ? ctx.recordId : null; },
          get: function () { return ctx.page === 'mobile-detail' && handlerDepth === 0 ? { record: copy(ctx.record) } : null; },
          getSpaceElement: function (id) { return ctx.page === 'mobile-detail' ? el('user-js-' + id) : null; }
        }
      }
    },
    proxy: function (url, method, headers, data, success, failure) {
      return proxyCall(null, url, method, headers, data, success, failure);
    },
    plugin: {
      app: {
        getConfig: function (pluginId) {
          var config = (ctx.pluginConfigs || {})[pluginId];
          return config ? copy(config) : null;
        },
        setConfig: function (config, callback) {
          if (ctx.page !== 'config') throw new Error('kintone.plugin.app.setConfig can only be called on the plug-in settings page.');
          if (config === null || typeof config !== 'object' || Array.isArray(config)) throw new Error('config must be an object.');
          Object.keys(config).forEach(function (key) {
            if (typeof config[key] !== 'string') throw new Error('The value of "' + key + '" must be a string.');
          });
          return send('/k/api/plugin/app/config.json', 'POST', { app: ctx.appId, pluginId: ctx.settingsPluginId, config: config })
            .then(function () {
              ctx.pluginConfigs[ctx.settingsPluginId] = copy(config);
              if (typeof callback === 'function') callback(); else toFlow();
            }, function (error) {
              window.alert(error && error.message ? error.message : 'The settings could not be saved.');
              throw error;
            });
        },
        setProxyConfig: function (url, method, headers, data, callback) {
          if (ctx.page !== 'config') throw new Error('kintone.plugin.app.setProxyConfig can only be called on the plug-in settings page.');
          var entry = { url: url, method: String(method).toUpperCase(), headers: headers || {}, data: data || {} };
          return send('/k/api/plugin/app/proxy/config.json', 'POST', {
            app: ctx.appId, pluginId: ctx.settingsPluginId, url: entry.url, method: entry.method, headers: entry.headers, data: entry.data
          }).then(function (saved) {
            var list = (ctx.proxyConfigs = (ctx.proxyConfigs || []).filter(function (p) { return !(p.url === entry.url && p.method === entry.method); }));
            list.push(saved.entry || entry);
            if (typeof callback === 'function') callback(); else toFlow();
          }, function (error) {
            window.alert(error && error.message ? error.message : 'The proxy settings could not be saved.');
            throw error;
          });
        },
        getProxyConfig: function (url, method) {
          if (ctx.page !== 'config') return null;
          var m = String(method).toUpperCase();
          var found = (ctx.proxyConfigs || []).filter(function (p) { return p.url === url && p.method === m; })[0];
          return found ? { headers: copy(found.headers), data: copy(found.data) } : null;
        },
        proxy: function (pluginId, url, method, headers, data, success, failure) {
          return proxyCall(pluginId, url, method, headers, data, success, failure);
        }
      }
    }
  };

  // Runs the page's show event through every handler in order, waiting for returned promises.
  kintone.__simFire = function () {
    var event = ctx.event;
    var root = document.documentElement;
    if (!event) { root.setAttribute('data-kintone-sim-event', 'none'); return Promise.resolve(); }
    var list = (handlers[event.type] || []).slice();
    var chain = Promise.resolve();
    list.forEach(function (handler) {
      chain = chain.then(function () {
        handlerDepth += 1;
        try { return handler(event); } finally { handlerDepth -= 1; }
      }).then(function (result) {
        if (result && typeof result === 'object' && result.type === event.type) event = result;
      });
    });
    return chain.then(function () {
      root.setAttribute('data-kintone-sim-event', 'done');
    }, function (error) {
      root.setAttribute('data-kintone-sim-event', 'error');
      console.error('kintone-sim: a ' + event.type + ' handler failed', error);
    });
  };

  window.kintone = kintone;
})();
`;
