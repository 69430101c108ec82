// Short-lived messages at the bottom of the window ("Exported 5 records…"), some with one action ("Undo").
import type { Said } from './i18n.svelte';

export interface ToastAction {
  label: Said;
  run: () => void;
}

export interface Toast {
  id: number;
  message: Said;
  kind: 'info' | 'error';
  action?: ToastAction;
}

const LIFETIME_MS = 6000;
const LIFETIME_WITH_ACTION_MS = 10000;

class ToastQueue {
  items = $state<Toast[]>([]);
  #next = 1;
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  show(message: Said, options: { kind?: Toast['kind']; action?: ToastAction } = {}): number {
    const id = this.#next++;
    this.items = [...this.items.slice(-3), { id, message, kind: options.kind ?? 'info', action: options.action }];
    this.#schedule(id, options.action ? LIFETIME_WITH_ACTION_MS : LIFETIME_MS);
    return id;
  }

  error(message: Said): number {
    return this.show(message, { kind: 'error' });
  }

  dismiss(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    this.items = this.items.filter((t) => t.id !== id);
  }

  /** Keeps a toast up while the pointer or focus is on it. */
  hold(id: number): void {
    clearTimeout(this.#timers.get(id));
  }

  release(id: number): void {
    this.#schedule(id, LIFETIME_MS / 2);
  }

  #schedule(id: number, ms: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.set(id, setTimeout(() => this.dismiss(id), ms));
  }
}

export const toasts = new ToastQueue();
