/// <reference types="chrome" />
// Code that e2e tests evaluate inside the extension (background, extension pages) uses `chrome.*`, which Firefox provides too.
