import { useId } from 'react';
import { Link, useNavigate } from 'react-router';
import { useT } from '../i18n';
import { useSession } from '../session/SessionProvider';

/** The header's account corner: workspace (a switcher when the user has several), the user, and Sign out. */
export function AccountMenu() {
  const { t } = useT();
  const { state, membership, selectWorkspace, signOut } = useSession();
  const navigate = useNavigate();
  const switcherId = useId();

  if (state.status === 'signed-out') {
    return (
      <Link to="/sign-in" className="button">
        {t('session.signIn')}
      </Link>
    );
  }
  if (state.status !== 'signed-in') return null;
  const { me } = state;

  return (
    <div className="account">
      {me.memberships.length > 1 && membership ? (
        <div className="account__workspace">
          <label htmlFor={switcherId} className="visually-hidden">
            {t('session.workspace')}
          </label>
          <select
            id={switcherId}
            className="select"
            value={membership.workspace.id}
            onChange={(event) => selectWorkspace(event.target.value)}
          >
            {me.memberships.map((m) => (
              <option key={m.workspace.id} value={m.workspace.id}>
                {m.workspace.name}
              </option>
            ))}
          </select>
        </div>
      ) : (
        membership && <span className="account__workspace-name">{membership.workspace.name}</span>
      )}
      <span className="account__user" title={me.user.email}>
        {me.user.name}
      </span>
      <button
        type="button"
        className="button button--quiet"
        onClick={() => {
          void signOut().then(() => navigate('/sign-in'));
        }}
      >
        {t('session.signOut')}
      </button>
    </div>
  );
}
