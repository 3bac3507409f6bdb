// The watch page's playlist parts: "Save to playlist" and, with ?list=, the queue.
import { wirePlaylistQueue } from './playlist-queue.js';
import { wireSaveToPlaylist } from './save-to-playlist.js';

wireSaveToPlaylist();
wirePlaylistQueue();
