// The sign-up page, /signup: says when the new account becomes the administrator (an empty
// deployment) or when sign-up is closed; an administrator signed in makes accounts for others.
import '../lib/header.js';
import { accountSettings, signUp } from '../lib/account-api.js';
import { renderAccountMenu } from '../lib/account-menu.js';
import { busy, clearFormError, showFormError, wireShowPassword } from '../lib/forms.js';
import { currentUser, isAdmin, nextPath, setFlash } from '../lib/session.js';

const $ = (id) => document.getElementById(id);
const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;
const MIN_PASSWORD = 10;

start();

async function start() {
  const [user, settings] = await Promise.all([
    currentUser().catch(() => null),
    accountSettings().catch(() => ({ signUpOpen: true, firstAccount: false })), // unknown: let the server decide
  ]);
  renderAccountMenu(user);
  const next = nextPath();
  if (next !== '/') $('signin-link').href = `/signin?${new URLSearchParams({ next })}`;
  if (user && !isAdmin(user)) {
    say('signup-as', `You are signed in as ${user.username}. Sign out first to create another account.`);
    $('signup-form').hidden = true;
    $('signin-switch').hidden = true;
    return;
  }
  if (user) { // an administrator: the account is for someone else, who signs in with it later
    $('signup-heading').textContent = 'Create an account for someone';
    say('signup-as', `You are signed in as ${user.username}, an administrator: you stay signed in, and the new account can sign in with the password you choose.`);
    $('password').autocomplete = 'off';
    $('signin-switch').hidden = true;
  } else if (settings.firstAccount) {
    $('first-account').hidden = false;
    $('signup-heading').textContent = 'Create the administrator account';
  } else if (settings.signUpOpen === false) {
    $('signup-closed').hidden = false;
    $('signup-form').hidden = true;
    return;
  }
  wireShowPassword($('show-password'), $('password'));
  $('signup-form').addEventListener('submit', (e) => {
    e.preventDefault();
    submit(user);
  });
  $('username').focus();
}

function say(id, text) {
  $(id).textContent = text;
  $(id).hidden = false;
}

async function submit(signedInAdmin) {
  const error = $('signup-error');
  const username = $('username');
  const password = $('password');
  const email = $('email');
  const name = username.value.trim();
  if (!USERNAME.test(name)) {
    showFormError(error, "A username is 3 to 32 characters: letters, digits, '.', '-' and '_'.", username);
    return;
  }
  if (password.value.length < MIN_PASSWORD) {
    showFormError(error, `A password has at least ${MIN_PASSWORD} characters; a short sentence works well.`, password);
    return;
  }
  clearFormError(error);
  $('signup-done').hidden = true;
  const restore = busy($('signup-submit'), 'Creating account…');
  const fields = { username: name, password: password.value };
  if (email.value.trim()) fields.email = email.value.trim();
  let created;
  try {
    created = await signUp(fields);
  } catch (err) {
    restore();
    const field = err.status === 409 || /username/i.test(err.message) ? username
      : /password/i.test(err.message) ? password : /email/i.test(err.message) ? email : null;
    showFormError(error, err.message, field);
    return;
  }
  if (signedInAdmin) {
    restore();
    $('signup-form').reset();
    say('signup-done', `Account ${created.username} created. Tell them their username and password so they can sign in.`);
    username.focus();
    return;
  }
  const next = nextPath();
  if (created.role === 'admin') {
    setFlash(`Welcome, ${created.username}. You are the administrator of this Kinora: manage accounts from Admin in the account menu.`);
  } else if (next === '/') { // only the home page shows it, and it has the upload area
    setFlash(`Welcome, ${created.username}. Your account is ready: upload your first video below.`);
  }
  location.assign(next);
}
