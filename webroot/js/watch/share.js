// The share box under the player: the video's link and a button that copies it.

const $ = (id) => document.getElementById(id);

export function wireSharing(videoId) {
  $('share-url').value = `${location.origin}/watch/${videoId}`;
  $('copy-link').addEventListener('click', copyLink);
}

async function copyLink() {
  const input = $('share-url');
  const button = $('copy-link');
  const status = $('copy-status');
  let copied = false;
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(input.value);
      copied = true;
    } catch {
      copied = false;
    }
  }
  if (!copied) { // plain http on a LAN address has no clipboard API: the old way still works
    input.focus();
    input.select();
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
  }
  button.dataset.copied = String(copied);
  status.textContent = copied ? 'Link copied. Anyone with this link can watch the video.'
    : 'The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.';
  button.textContent = copied ? 'Copied' : 'Copy link';
  setTimeout(() => { button.textContent = 'Copy link'; }, 2500);
}
