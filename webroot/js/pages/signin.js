// The sign-in page, /signin: says why it was shown (session ended, page needs an account), signs
// in, then goes back where the person was (or home).
import '../lib/header.js';
import { accountSettings, signIn } from '../lib/account-api.js';
import { renderAccountMenu } from '../lib/account-menu.js';
import { busy, clearFormError, showFormError, wireShowPassword } from '../lib/forms.js';
import { currentUser, nextPath } from '../lib/session.js';

const $ = (id) => document.getElementById(id);
const REASONS = {
  expired: 'Your session has ended. Sign in again to carry on where you were.',
  required: 'Sign in to see that page.',
};

start();

async function start() {
  const user = await currentUser().catch(() => null);
  if (user) { // already signed in: nothing to do here
    location.replace(nextPath());
    return;
  }
  const { signUpOpen } = await accountSettings().catch(() => ({ signUpOpen: true }));
  renderAccountMenu(null, { signUp: signUpOpen !== false });
  $('signup-switch').hidden = signUpOpen === false;
  const reason = REASONS[new URLSearchParams(location.search).get('reason')];
  if (reason) {
    $('signin-reason').textContent = reason;
    $('signin-reason').hidden = false;
  }
  const next = nextPath();
  if (next !== '/') $('signup-link').href = `/signup?${new URLSearchParams({ next })}`;
  wireShowPassword($('show-password'), $('password'));
  $('signin-form').addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
  $('username').focus();
}

async function submit() {
  const error = $('signin-error');
  const username = $('username');
  const password = $('password');
  if (!username.value.trim()) {
    showFormError(error, 'Enter your username.', username);
    return;
  }
  if (!password.value) {
    showFormError(error, 'Enter your password.', password);
    return;
  }
  clearFormError(error);
  const restore = busy($('signin-submit'), 'Signing in…');
  try {
    await signIn(username.value.trim(), password.value);
  } catch (err) {
    restore();
    password.value = '';
    showFormError(error, err.message, err.status === 401 ? password : null);
    return;
  }
  location.assign(nextPath());
}
