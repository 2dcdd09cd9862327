// The page's language, for a screen reader (WCAG 3.1.1) and for Streamlit's own widgets.
// Filled in by ui/draw.py's page_language: the language ("da"), its locale ("da-DK") and Streamlit's English
// words -> the user's language (a "{label}" stands for the rest: "Help for {label}").
(() => {
  const lang = __LANG__, locale = __LOCALE__, words = __WORDS__;
  // Streamlit serves its page as English (html lang="en") whatever the page says
  document.documentElement.lang = lang;
  // its date picker takes month names and the first weekday from the browser's language, read on each render
  for (const [name, value] of [["language", locale], ["languages", [locale]]]) {
    Object.defineProperty(navigator, name, {get: () => value, configurable: true});
  }
  window.dispatchEvent(new Event("languagechange"));  // react-aria (the calendar's grid) reads it again
  // Streamlit's app reads it when it next draws itself, which on a fast page may be after the calendar is
  // opened: ask its top component (the one that holds the script run's state) to draw itself once now
  const root = document.querySelector('[data-testid="stApp"]');
  const key = root && Object.keys(root).find(k => k.startsWith("__reactFiber$"));
  for (let fiber = key && root[key]; fiber; fiber = fiber.return) {
    const app = fiber.stateNode;
    if (app && typeof app.forceUpdate === "function" && app.state && "scriptRunState" in app.state) {
      app.forceUpdate();
      break;
    }
  }
  const exact = new Map(), patterns = [];
  for (const [english, said] of Object.entries(words)) {
    if (english.includes("{label}")) {
      const [before, after] = english.split("{label}");
      patterns.push([before, after, said]);
    } else {
      exact.set(english, said);
    }
  }
  const say = (text) => {
    if (exact.has(text)) return exact.get(text);
    for (const [before, after, said] of patterns) {
      if (text.length > before.length + after.length && text.startsWith(before) && text.endsWith(after)) {
        return said.replace("{label}", text.slice(before.length, text.length - after.length));
      }
    }
    return null;
  };
  const mend = () => {
    window.planLanguageQueued = false;
    const words = window.planLanguageSay;
    for (const element of document.querySelectorAll("[aria-label], [title]")) {
      for (const attribute of ["aria-label", "title"]) {
        const said = element.hasAttribute(attribute) && words(element.getAttribute(attribute));
        if (said) element.setAttribute(attribute, said);
      }
    }
    // the skip link, the calendar's instructions and the toolbar's tooltips are text (only Streamlit's own, never the plan's)
    for (const element of document.querySelectorAll('[data-testid="stSkipToContent"], [role="dialog"] *, [role="tooltip"] *, [data-baseweb="tooltip"] *')) {
      if (element.childElementCount === 0 && element.textContent) {
        const said = words(element.textContent.trim());
        if (said) element.textContent = said;
      }
    }
    // the upload box's hidden file field is called "file upload" whatever the box: it takes its box's name
    for (const field of document.querySelectorAll('[data-testid="stFileUploaderDropzoneInput"]')) {
      const box = field.closest('[data-testid="stFileUploaderDropzone"]');
      const name = box && box.getAttribute("aria-label");
      if (name && field.getAttribute("aria-label") !== name) field.setAttribute("aria-label", name);
    }
  };
  window.planLanguageSay = say;
  if (!window.planLanguage) {
    // once per page: on every change, at most once a frame
    window.planLanguage = new MutationObserver(() => {
      if (!window.planLanguageQueued) {
        window.planLanguageQueued = true;
        requestAnimationFrame(mend);
      }
    });
    window.planLanguage.observe(document.body,
      {childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label", "title"]});
  }
  mend();
})();
