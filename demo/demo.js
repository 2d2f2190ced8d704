// Porchlight demo page: the "Page style" switch.
//
// Sets one of .theme-classic / .theme-dark / .theme-bold on <html> and
// remembers the choice in localStorage. The comment section follows along
// because demo.css sets its --rc-* custom properties per theme.

const THEMES = ['classic', 'dark', 'bold'];
const STORAGE_KEY = 'porchlight-demo-theme';

/** @returns {string | null} */
function loadChoice() {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return THEMES.includes(value) ? value : null;
  } catch {
    // Storage can be disabled or throw in private modes; just don't remember.
    return null;
  }
}

/** @param {string} theme */
function saveChoice(theme) {
  try {
    window.localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Same as above: the choice still applies to this page view.
  }
}

/** @param {string} theme */
function applyTheme(theme) {
  const root = document.documentElement;
  for (const name of THEMES) {
    root.classList.toggle(`theme-${name}`, name === theme);
  }
}

function initialTheme() {
  const saved = loadChoice();
  if (saved) return saved;
  const prefersDark =
    typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
  return prefersDark ? 'dark' : 'classic';
}

function setUpSwitch() {
  const fieldset = document.querySelector('.theme-switch');
  if (!fieldset) return;

  const current = initialTheme();
  applyTheme(current);

  /** @type {NodeListOf<HTMLInputElement>} */
  const radios = fieldset.querySelectorAll('input[type="radio"][name="theme"]');
  for (const radio of radios) {
    radio.checked = radio.value === current;
  }

  fieldset.addEventListener('change', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement) || !target.checked) return;
    if (!THEMES.includes(target.value)) return;
    applyTheme(target.value);
    saveChoice(target.value);
  });

  // The switch needs this script, so it stays hidden until the script runs.
  fieldset.hidden = false;
}

// Apply a saved theme as early as possible, then wire up the switch.
applyTheme(initialTheme());
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', setUpSwitch, { once: true });
} else {
  setUpSwitch();
}
