// The signed-in home's "From your subscriptions" strip: the newest few videos of the channels the
// person follows, with a link to the whole feed. Hidden when they follow nobody (or it fails).
import { api } from './api.js';
import { videoCard } from './video-card.js';

const STRIP_SIZE = 4;

export async function showFeedStrip(panel, list) {
  let page;
  try {
    page = await api(`/api/feed?limit=${STRIP_SIZE}`);
  } catch {
    return;
  }
  if (!page || !page.items || page.items.length === 0) return;
  list.replaceChildren(...page.items.map((video) => videoCard(video, { showChannel: true })));
  panel.hidden = false;
}
