// The preload: exposes the contract as window.cairn (invoke + menu commands) and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CONTRACT_KEYS, type CairnBridge, type ShellCommand } from '../contract';

const keys = new Set<string>(CONTRACT_KEYS);
const COMMAND_CHANNEL = 'cairn:command';

const bridge: CairnBridge = {
  door: 'desktop',
  invoke(key, args) {
    if (!keys.has(key)) return Promise.resolve({ ok: false, error: { code: 'E_VALIDATION', message: `Unknown call “${String(key)}”.` } });
    return ipcRenderer.invoke(key, args);
  },
  onCommand(listener) {
    const wrapped = (_event: IpcRendererEvent, command: ShellCommand) => listener(command);
    ipcRenderer.on(COMMAND_CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(COMMAND_CHANNEL, wrapped);
  },
};

contextBridge.exposeInMainWorld('cairn', bridge);
