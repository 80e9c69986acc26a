/// <reference types="chrome" />
// Code that e2e tests evaluate inside the extension (service worker, content script world) uses `chrome.*`.
