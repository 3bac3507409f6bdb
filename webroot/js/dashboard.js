// The page at /: upload panel and library.
import { Library } from './library.js';
import { UploadQueue } from './upload.js';

const $ = (id) => document.getElementById(id);

const library = new Library();
new UploadQueue({
  form: $('upload-form'),
  input: $('file-input'),
  chooser: $('choose-files'),
  dropzone: $('dropzone'),
  list: $('upload-list'),
  actions: $('upload-actions'),
  startButton: $('upload-start'),
  clearButton: $('upload-clear'),
  onVideoAdded: () => library.page === 1 && library.reloadSoon(),
  onVideoFinished: () => library.reloadSoon(),
});
library.load();
