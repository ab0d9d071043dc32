// Karma for `ng test`: headless Chromium found on this machine, never downloaded.
const { existsSync } = require('node:fs');

const CANDIDATE_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

function findBrowser() {
  if (process.env.CHROME_BIN) {
    if (existsSync(process.env.CHROME_BIN)) return process.env.CHROME_BIN;
    throw new Error(`CHROME_BIN is set to ${process.env.CHROME_BIN}, which does not exist.`);
  }
  const found = CANDIDATE_BROWSERS.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      'No Chrome or Chromium found for the unit tests. Install one (Debian/Ubuntu: ' +
        '`sudo apt-get install -y chromium`) or set CHROME_BIN to its executable.',
    );
  }
  return found;
}

module.exports = function (config) {
  try {
    process.env.CHROME_BIN = findBrowser();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  config.set({
    basePath: '',
    frameworks: ['jasmine'],
    plugins: [require('karma-jasmine'), require('karma-chrome-launcher')],
    client: {
      jasmine: { random: true, timeoutInterval: 15000 },
      clearContext: false,
    },
    reporters: ['progress'],
    customLaunchers: {
      // Root cannot run Chromium's sandbox; CI and these machines run tests as root.
      ChromeHeadlessNoSandbox: {
        base: 'ChromeHeadless',
        flags: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
        ],
      },
    },
    browsers: ['ChromeHeadlessNoSandbox'],
    // The specs share the machine with the Node and browser test files (one pool, see
    // scripts/run-node-tests.mjs): a busy core can starve Chromium's heartbeat for seconds, which is
    // not a failure of any spec.
    browserNoActivityTimeout: 120000,
    browserDisconnectTimeout: 60000,
    pingTimeout: 60000,
    singleRun: true,
    restartOnFileChange: false,
  });
};
