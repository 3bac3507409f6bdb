// The captions part of the edit dialog: the video's tracks, each with a Delete button, and a
// small form that adds a track (or replaces the one in that language) from an SRT or WebVTT file.
import { deleteCaptions, listCaptions, putCaptions } from './captions-api.js';
import { h, toast } from './dom.js';

export class CaptionsEditor {
  constructor() {
    this.list = document.getElementById('captions-list');
    this.file = document.getElementById('captions-file');
    this.language = document.getElementById('captions-language');
    this.label = document.getElementById('captions-label');
    this.error = document.getElementById('captions-error');
    this.add = document.getElementById('captions-add');
    this.add.addEventListener('click', () => this.submit());
  }

  async open(video) {
    this.video = video;
    this.file.value = '';
    this.label.value = '';
    this.error.hidden = true;
    this.list.replaceChildren(h('li', { class: 'muted' }, 'Loading…'));
    try {
      this.show(await listCaptions(video.id));
    } catch (err) {
      this.fail(err.message);
    }
  }

  show(tracks) {
    if (!tracks.length) {
      this.list.replaceChildren(h('li', { class: 'muted' }, 'No captions yet.'));
      return;
    }
    this.list.replaceChildren(...tracks.map((t) => h('li', { class: 'caption-track', dataset: { language: t.language } },
      h('span', {}, `${t.label} (${t.language}) · ${t.cues === 1 ? '1 cue' : `${t.cues} cues`}${t.source === 'embedded' ? ' · from the file' : ''}`),
      h('button', {
        type: 'button', class: 'button secondary small', 'aria-label': `Delete the ${t.label} captions`,
        onclick: () => this.remove(t),
      }, 'Delete'))));
  }

  async submit() {
    const file = this.file.files[0];
    const language = this.language.value.trim();
    if (!file) return this.fail('Choose an SRT or WebVTT file first.');
    if (!language) return this.fail('Say which language the captions are in, such as en, fr or pt-BR.');
    this.add.disabled = true;
    try {
      const track = await putCaptions(this.video.id, language, this.label.value.trim(), file);
      this.error.hidden = true;
      this.file.value = '';
      toast(`Captions added: ${track.label}.`);
      this.show(await listCaptions(this.video.id));
    } catch (err) {
      this.fail(err.message);
    } finally {
      this.add.disabled = false;
    }
  }

  async remove(track) {
    try {
      await deleteCaptions(this.video.id, track.language);
      toast(`Captions deleted: ${track.label}.`);
      this.show(await listCaptions(this.video.id));
    } catch (err) {
      this.fail(err.message);
    }
  }

  fail(message) {
    this.error.textContent = message;
    this.error.hidden = false;
  }
}
