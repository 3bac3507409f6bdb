// Lists that a page redraws every few seconds: rows are kept by key and updated in place, so a
// focused button or link survives a refresh and screen readers do not hear the list again.

/**
 * Makes parent's children match items, in order. create(item) builds a row element, update(row,
 * item) refreshes one that exists; rows whose key is gone are removed.
 */
export function syncKeyed(parent, items, keyOf, create, update) {
  const old = new Map();
  for (const child of [...parent.children]) {
    if (child.dataset.key !== undefined) old.set(child.dataset.key, child);
  }
  let cursor = parent.firstElementChild;
  for (const item of items) {
    const key = String(keyOf(item));
    let row = old.get(key);
    if (row) {
      old.delete(key);
      update(row, item);
    } else {
      row = create(item);
      row.dataset.key = key;
    }
    if (row !== cursor) parent.insertBefore(row, cursor); else cursor = cursor.nextElementSibling;
  }
  for (const row of old.values()) row.remove();
  // anything left that is not a keyed row (e.g. a placeholder) goes too
  for (const child of [...parent.children]) if (child.dataset.key === undefined) child.remove();
}
