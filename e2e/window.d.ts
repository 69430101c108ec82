// window.cairn as the e2e specs see it.
import type { CairnBridge } from '../electron/contract';

declare global {
  interface Window {
    cairn?: CairnBridge;
  }
}
export {};
