// The "payment pending" page: asks the shop every few seconds whether the provider's webhook has
// arrived, and only then reloads (to the confirmation), so a screen reader is not interrupted by
// reloads that change nothing. Without JavaScript the page refreshes itself (a <noscript> meta refresh).
const status = document.querySelector('[data-payment-status]');
if (status) {
  const every = Number(status.getAttribute('data-every-seconds') || 3) * 1000;
  let asked = 0;
  const ask = async () => {
    asked += 1;
    try {
      const answer = await fetch(status.getAttribute('data-payment-status'), { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (answer.ok && (await answer.json()).state !== 'waiting') return window.location.reload();
    } catch {
      // A dropped connection: ask again at the next turn.
    }
    // After ten minutes the "Check again now" link is left to the shopper.
    if (asked * every < 10 * 60_000) setTimeout(ask, every);
  };
  setTimeout(ask, every);
}
