// The library's two dialogs: edit a video's title, description, visibility and captions; delete it
// after confirmation. Both report back to the Library that opened them.
import { deleteVideo, getLimits, updateVideo } from './api.js';
import { CaptionsEditor } from './captions-editor.js';
import { toast } from './dom.js';
import { DEFAULT_VISIBILITY, visibilityChooser } from './visibility.js';

export class EditDialog {
  constructor(library) {
    this.library = library;
    this.dialog = document.getElementById('edit-dialog');
    this.form = document.getElementById('edit-form');
    this.title = document.getElementById('edit-title');
    this.description = document.getElementById('edit-description');
    this.error = document.getElementById('edit-error');
    this.save = document.getElementById('edit-save');
    this.visibility = visibilityChooser();
    this.captions = new CaptionsEditor();
    document.getElementById('edit-visibility').replaceWith(this.visibility.el);
    getLimits().then(({ maxTitleLength, maxDescriptionLength }) => {
      this.title.maxLength = maxTitleLength;
      this.description.maxLength = maxDescriptionLength;
    });
    this.dialog.querySelector('[data-close]').addEventListener('click', () => this.dialog.close());
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
  }

  open(video) {
    this.video = video;
    this.title.value = video.title;
    this.description.value = video.description || '';
    this.visibility.value = video.visibility || DEFAULT_VISIBILITY;
    this.error.hidden = true;
    this.title.removeAttribute('aria-invalid');
    this.save.disabled = false;
    this.dialog.showModal();
    this.captions.open(video);
    this.title.select();
  }

  async submit() {
    const title = this.title.value.trim();
    if (!title) {
      this.error.textContent = 'Give the video a title.';
      this.error.hidden = false;
      this.title.setAttribute('aria-invalid', 'true');
      this.title.focus();
      return;
    }
    this.save.disabled = true;
    try {
      const fields = { title, description: this.description.value };
      // only a change is sent, so a record the server gave no visibility keeps none
      if (this.visibility.value !== (this.video.visibility || DEFAULT_VISIBILITY)) fields.visibility = this.visibility.value;
      const video = await updateVideo(this.video.id, fields);
      this.dialog.close();
      this.library.updated(video);
      if (this.library.onChanged) this.library.onChanged();
      toast(`Saved “${video.title}”.`);
    } catch (err) {
      this.error.textContent = err.message;
      this.error.hidden = false;
      this.save.disabled = false;
    }
  }
}

export class DeleteDialog {
  constructor(library) {
    this.library = library;
    this.dialog = document.getElementById('delete-dialog');
    this.text = document.getElementById('delete-text');
    this.error = document.getElementById('delete-error');
    this.confirm = document.getElementById('delete-confirm');
    this.dialog.querySelector('[data-close]').addEventListener('click', () => this.dialog.close());
    document.getElementById('delete-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
  }

  open(video) {
    this.video = video;
    this.text.textContent = `“${video.title}”, its renditions and its poster will be removed. Anyone with its link will no longer be able to watch it. This cannot be undone.`;
    this.error.hidden = true;
    this.confirm.disabled = false;
    this.dialog.showModal();
  }

  async submit() {
    this.confirm.disabled = true;
    try {
      await deleteVideo(this.video.id);
    } catch (err) {
      if (err.status !== 404) { // already gone is what the person wanted
        this.error.textContent = err.message;
        this.error.hidden = false;
        this.confirm.disabled = false;
        return;
      }
    }
    this.dialog.close();
    toast(`Deleted “${this.video.title}”.`);
    if (this.library.onChanged) this.library.onChanged();
    await this.library.load();
    this.library.heading.focus();
  }
}
