import { Injectable, signal } from '@angular/core';

/** Chromium's install offer (not in TypeScript's DOM types). */
export interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/**
 * Holds the browser's offer to install Fieldbook. The offer can arrive before Angular starts, so
 * `listenForInstallOffer` runs in main.ts and this service picks up what it caught.
 */
@Injectable({ providedIn: 'root' })
export class InstallPrompt {
  private readonly offer = signal<BeforeInstallPromptEvent | null>(caught);
  readonly canInstall = this.offer.asReadonly();

  constructor() {
    onOffer = (event) => this.offer.set(event);
  }

  /** Shows the browser's install dialog; resolves true when the user installed. */
  async install(): Promise<boolean> {
    const offer = this.offer();
    if (!offer) return false;
    await offer.prompt();
    const { outcome } = await offer.userChoice;
    // An offer can be used once; the browser sends a new one if installing is still possible.
    this.offer.set(null);
    caught = null;
    return outcome === 'accepted';
  }
}

let caught: BeforeInstallPromptEvent | null = null;
let onOffer: ((event: BeforeInstallPromptEvent | null) => void) | null = null;

export function listenForInstallOffer(target: Pick<Window, 'addEventListener'>): void {
  target.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    caught = event as BeforeInstallPromptEvent;
    onOffer?.(caught);
  });
  target.addEventListener('appinstalled', () => {
    caught = null;
    onOffer?.(null);
  });
}
