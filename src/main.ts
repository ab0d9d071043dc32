import { bootstrapApplication } from '@angular/platform-browser';

import { App } from './app/app';
import { appConfig } from './app/app.config';
import { listenForInstallOffer } from './app/shell/install/install-prompt';

// The browser may offer installation before Angular has started.
listenForInstallOffer(window);
bootstrapApplication(App, appConfig).catch((error: unknown) => console.error(error));
