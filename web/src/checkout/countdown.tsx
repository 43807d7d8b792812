/**
 * Time left until a deadline, as mm:ss. The clock itself is silent for screen readers (role=timer); a polite live
 * region says the minutes once a minute, and in the last minute at 30 and 10 seconds, so nobody is told every second.
 */
import { useEffect, useId, useState } from 'react';

interface CountdownProps {
  /** The deadline (an ISO date). */
  until: string;
  /** What the time is for, after "Time left": "to pay". */
  purpose: string;
  /** Called when no time is left. */
  onEnd?(): void;
}

export function Countdown({ until, purpose, onEnd }: CountdownProps) {
  const [now, setNow] = useState(Date.now);
  const labelId = useId();
  const end = Date.parse(until);
  const left = Math.max(0, Math.ceil((end - now) / 1000));

  useEffect(() => {
    // Four ticks a second keep the display within a quarter second of the true time.
    const timer = setInterval(() => {
      const time = Date.now();
      setNow(time);
      if (time < end) return;
      clearInterval(timer);
      onEnd?.();
    }, 250);
    return () => clearInterval(timer);
  }, [end, onEnd]);

  const minutes = Math.floor(left / 60);
  const seconds = String(left % 60).padStart(2, '0');
  return (
    <div className="countdown">
      <span id={labelId}>Time left {purpose}:</span>{' '}
      <span role="timer" aria-labelledby={labelId} className="countdown-clock">
        {minutes}:{seconds}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {spoken(left)} {purpose}
      </span>
    </div>
  );
}

/** The words for `left` seconds, changing once a minute, then at 30 and 10 seconds. */
function spoken(left: number): string {
  if (left === 0) return 'No time left';
  if (left > 60) return `${Math.ceil(left / 60)} minutes left`;
  if (left > 30) return '1 minute left';
  return left > 10 ? '30 seconds left' : '10 seconds left';
}
