// Small form habits shared by the account pages: one error line per form that names the field
// at fault, and a submit button that says what it is doing while the request runs.

/**
 * Shows message in the error element of a form (inside it, or beside it in the same section);
 * marks and focuses the field at fault, if any, and unmarks the others.
 */
export function showFormError(errorEl, message, field = null) {
  const scope = errorEl.closest('form, section, dialog') || document;
  for (const el of scope.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  errorEl.textContent = message;
  errorEl.hidden = !message;
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  }
}

export function clearFormError(errorEl) {
  showFormError(errorEl, '');
}

/** Disables the button and shows busyText; returns the function that puts it back. */
export function busy(button, busyText) {
  const text = button.textContent;
  button.disabled = true;
  button.textContent = busyText;
  button.setAttribute('aria-busy', 'true');
  return () => {
    button.disabled = false;
    button.textContent = text;
    button.removeAttribute('aria-busy');
  };
}

/** A "Show password" checkbox switching a password field to plain text and back. */
export function wireShowPassword(checkbox, ...fields) {
  checkbox.addEventListener('change', () => {
    for (const field of fields) field.type = checkbox.checked ? 'text' : 'password';
  });
}
