// Copying text: the Clipboard API where the page is a secure context, else selecting the field
// and the old copy command (plain http on a LAN address has no Clipboard API).

/** Resolves to true when the text of the input (or textarea) is on the clipboard. */
export async function copyFrom(input) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(input.value);
      return true;
    } catch {
      // fall through to the old way
    }
  }
  input.focus();
  input.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}
