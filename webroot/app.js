// Minimal Kinora page: presigned upload with progress, live status over SSE, hls.js playback.
const $ = (id) => document.getElementById(id);

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}

async function api(path, options = {}) {
  const response = await fetch(path, options);
  const body = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw new Error((body && body.error) || `HTTP ${response.status}`);
  return body;
}

function putWithProgress(url, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded, e.total);
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new Error(`storage answered ${xhr.status}`)));
    xhr.onerror = () => reject(new Error('the upload to storage failed; check your connection and try again'));
    xhr.send(file);
  });
}

function setProgress(label, percent) {
  $('progress').hidden = false;
  $('progress-label').textContent = label;
  $('progress-bar').value = percent;
}

function watchStatus(id) {
  const words = { awaiting_upload: 'Waiting for upload', queued: 'Queued', processing: 'Processing', ready: 'Ready', failed: 'Failed' };
  const events = new EventSource(`/api/videos/${id}/events`);
  const onEvent = (e) => {
    const s = JSON.parse(e.data);
    setProgress(`${words[s.status] || s.status} ${s.status === 'processing' ? s.progress + '%' : ''}`, s.progress);
    if (s.status === 'ready') { events.close(); play(id); loadLibrary(); }
    if (s.status === 'failed') { events.close(); showError(s.error); loadLibrary(); }
  };
  events.addEventListener('status', onEvent);
  events.addEventListener('progress', onEvent);
}

async function upload(event) {
  event.preventDefault();
  showError('');
  const file = $('file').files[0];
  if (!file) return;
  try {
    const created = await api('/api/uploads', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ filename: file.name, size: file.size, title: $('title').value || undefined, description: $('description').value || undefined }),
    });
    await putWithProgress(created.uploadUrl, file, (done, total) =>
      setProgress(`Uploading ${(done / 1048576).toFixed(1)} of ${(total / 1048576).toFixed(1)} MiB`, Math.round((done * 100) / total)));
    await api(`/api/videos/${created.id}/complete`, { method: 'POST' });
    history.pushState(null, '', `/watch/${created.id}`);
    watchStatus(created.id);
  } catch (err) {
    showError(err.message);
  }
}

async function play(id) {
  const video = await api(`/api/videos/${id}`);
  $('player').hidden = false;
  $('player-title').textContent = video.title;
  $('player-description').textContent = video.description;
  if (video.status !== 'ready') { watchStatus(id); return; }
  const el = $('video');
  el.poster = video.posterUrl;
  if (el.canPlayType('application/vnd.apple.mpegurl')) {
    el.src = video.playbackUrl;
  } else if (window.Hls && Hls.isSupported()) {
    const hls = new Hls();
    hls.loadSource(video.playbackUrl);
    hls.attachMedia(el);
  }
}

async function loadLibrary() {
  const page = await api('/api/videos?pageSize=24');
  const list = $('videos');
  list.replaceChildren(...page.items.map((v) => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `/watch/${v.id}`;
    const img = document.createElement('img');
    img.alt = '';
    if (v.posterUrl) img.src = v.posterUrl;
    const title = document.createElement('div');
    title.textContent = v.title;
    const badge = document.createElement('span');
    badge.className = `badge ${v.status}`;
    badge.textContent = v.status.replace('_', ' ');
    a.append(img, title, badge);
    li.append(a);
    return li;
  }));
}

$('upload-form').addEventListener('submit', upload);
const match = location.pathname.match(/^\/watch\/([A-Za-z0-9_-]{22})$/);
if (match) play(match[1]).catch((e) => showError(e.message));
loadLibrary().catch((e) => showError(e.message));
