// Small enhancements only; every flow works without this script.
document.addEventListener('DOMContentLoaded', () => {
  // Move focus to an error summary so screen-reader and keyboard users hear what went wrong.
  const summary = document.getElementById('error-summary');
  if (summary) summary.focus();
  // Ask before destructive actions.
  for (const form of document.querySelectorAll('form[data-confirm]')) {
    form.addEventListener('submit', (event) => {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  }
});
