// The application's name and version: said by every door, and written into what Cairn makes (bags).
export const APP_NAME = 'Cairn';
export const APP_VERSION = '0.1.0';
