type Listener = () => void;
const listeners = new Set<Listener>();

/**
 * Something that can change findings was saved (an event, a mentor, a document, the calendar, a rulebook): the
 * navigation badge recounts without waiting for the user to move to another screen.
 */
export function checksChanged(): void {
  listeners.forEach((listener) => listener());
}

export function onChecksChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
