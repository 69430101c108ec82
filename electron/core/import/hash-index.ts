// Records by a fingerprint of their text, several records to one fingerprint: a record imported
// anyway as a new version shares its text's fingerprint with the record it copies, and taking one
// of them out (an undone import) must leave the other findable.
export class HashIndex {
  #ids = new Map<string, Set<string>>();
  #of = new Map<string, string>();

  /** Files record `id` under `hash`, in place of the fingerprint it had. */
  set(id: string, hash: string): void {
    this.remove(id);
    let ids = this.#ids.get(hash);
    if (!ids) this.#ids.set(hash, (ids = new Set()));
    ids.add(id);
    this.#of.set(id, hash);
  }

  remove(id: string): void {
    const hash = this.#of.get(id);
    if (hash === undefined) return;
    this.#of.delete(id);
    const ids = this.#ids.get(hash);
    ids?.delete(id);
    if (ids?.size === 0) this.#ids.delete(hash);
  }

  /** The record first filed under `hash` of those still here. */
  get(hash: string): string | undefined {
    return this.#ids.get(hash)?.values().next().value;
  }
}
