// The renderer's view of the contract (electron/contract.ts): the one place the renderer imports it from.
export * from '../../../electron/contract';
