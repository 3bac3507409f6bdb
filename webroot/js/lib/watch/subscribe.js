// The owner line on the watch page: the channel's picture and name linking to /@{username}, its
// subscriber count, and a subscribe button for signed-in viewers who are not the owner.
import { getChannel, subscribe, unsubscribe } from '../channels-api.js';
import { h } from '../dom.js';

const box = document.getElementById('video-channel');
const counted = new Intl.NumberFormat();

/** Shows the owner line of this video's record for this viewer (null: signed out). */
export async function showChannel(video, user) {
  if (!box || !video.owner || !video.owner.username) return;
  let channel;
  try {
    channel = await getChannel(video.owner.username);
  } catch {
    return; // no owner line then: the video itself is shown
  }
  const count = h('span', { class: 'muted channel-subscribers' });
  const setCount = () => {
    count.textContent = `${counted.format(channel.subscribers)} subscriber${channel.subscribers === 1 ? '' : 's'}`;
  };
  setCount();
  const picture = channel.avatarUrl
    ? h('img', { src: channel.avatarUrl, alt: '', width: 40, height: 40 })
    : document.createTextNode(channel.displayName.charAt(0).toUpperCase());
  const link = h('a', { class: 'channel-link', href: `/@${encodeURIComponent(channel.username)}` },
    h('span', { class: 'channel-avatar small', 'aria-hidden': 'true' }, picture),
    h('span', { class: 'channel-link-name' }, channel.displayName));
  const parts = [link, count];
  const mine = user && user.username.toLowerCase() === channel.username.toLowerCase();
  // the watch page has no toast area: a refusal is said here
  const status = h('span', { class: 'channel-status', role: 'status', 'aria-live': 'polite' });
  if (user && !mine) parts.push(subscribeButton(channel, setCount, status), status);
  box.replaceChildren(...parts);
  box.hidden = false;
}

function subscribeButton(channel, setCount, status) {
  const button = h('button', { type: 'button', id: 'watch-subscribe', class: 'button small' });
  const render = () => {
    button.setAttribute('aria-pressed', String(Boolean(channel.subscribed)));
    button.textContent = channel.subscribed ? 'Subscribed' : 'Subscribe';
    button.classList.toggle('secondary', Boolean(channel.subscribed));
    button.title = channel.subscribed ? `Unsubscribe from ${channel.displayName}` : `Subscribe to ${channel.displayName}`;
  };
  render();
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = '';
    try {
      if (channel.subscribed) {
        await unsubscribe(channel.username);
        channel.subscribers = Math.max(0, channel.subscribers - 1);
        channel.subscribed = false;
      } else {
        channel.subscribers = (await subscribe(channel.username)).subscribers;
        channel.subscribed = true;
      }
      render();
      setCount();
    } catch (err) {
      status.textContent = err.message;
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
