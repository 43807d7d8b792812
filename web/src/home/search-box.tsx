/**
 * The search box: a combobox (WAI-ARIA's "list autocomplete" pattern) whose suggestions come from `suggestEvents`
 * as the fan types. Arrow keys move through them, Enter takes the one marked (or searches for what was typed), Escape
 * closes them. An event suggestion opens the event; a performer suggestion searches for the performer.
 */
import { type FormEvent, type KeyboardEvent, useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { useLocation } from 'wouter';

import { WebSuggestEventsDocument, type WebSuggestEventsQuery } from '../generated/graphql';
import { Highlighted } from './highlighted';

type Suggestion = WebSuggestEventsQuery['suggestEvents'][number];

const LISTBOX_ID = 'search-suggestions';
const optionId = (index: number) => `search-suggestion-${index}`;

export function SearchBox({ initial, onSearch }: { initial: string; onSearch(query: string): void }) {
  const [, navigate] = useLocation();
  const [text, setText] = useState(initial);
  // Back or a shared link may bring another query: the text follows it (the box stays, and so does its focus).
  const [textOf, setTextOf] = useState(initial);
  if (textOf !== initial) {
    setTextOf(initial);
    setText(initial);
  }
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // Asks once typing pauses, not on every keystroke.
  const prefix = useSettled(text.trim(), 150);
  const [{ data, operation }] = useQuery({ query: WebSuggestEventsDocument, variables: { prefix }, pause: !open || prefix === '' });
  // An answer to an earlier prefix (urql shows the last answer while the next is on its way) is not shown.
  const suggestions = (prefix !== '' && operation?.variables.prefix === prefix && data?.suggestEvents) || [];
  const expanded = open && suggestions.length > 0;
  const marked = expanded && active < suggestions.length ? active : -1;

  function choose(suggestion: Suggestion) {
    setOpen(false);
    if (suggestion.event) return navigate(`/events/${suggestion.event.id}`);
    setText(suggestion.text);
    onSearch(suggestion.text);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const count = suggestions.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (count === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      // From no mark, down goes to the first and up to the last; past either end wraps round.
      const from = marked >= 0 ? marked : step > 0 ? -1 : count;
      setActive((from + step + count) % count);
    } else if (event.key === 'Enter' && marked >= 0) {
      event.preventDefault(); // the form would search for the text instead
      choose(suggestions[marked]!);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setOpen(false);
    onSearch(text.trim());
  }

  return (
    <form role="search" className="search-box" onSubmit={onSubmit}>
      <label htmlFor="search-input">Search events, performers, venues and cities</label>
      <div className="search-row">
        <div className="combobox">
          <input
            id="search-input"
            type="text"
            role="combobox"
            autoComplete="off"
            spellCheck={false}
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={LISTBOX_ID}
            aria-activedescendant={marked >= 0 ? optionId(marked) : undefined}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setOpen(true);
              setActive(-1);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setOpen(false)}
          />
          <ul id={LISTBOX_ID} role="listbox" aria-label="Suggestions" hidden={!expanded}>
            {suggestions.map((suggestion, index) => (
              <li
                key={`${suggestion.kind}:${suggestion.event?.id ?? suggestion.performer?.id}`}
                id={optionId(index)}
                role="option"
                aria-selected={index === marked}
                // Keeps the focus in the input, which would close the list before the click lands.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(suggestion)}
              >
                <span>
                  <Highlighted html={suggestion.highlight} />
                </span>
                <span className="suggestion-kind">{suggestion.kind === 'PERFORMER' ? 'Performer' : 'Event'}</span>
              </li>
            ))}
          </ul>
        </div>
        <button type="submit" className="primary">
          Search
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {expanded ? `${suggestions.length} suggestions, use the arrow keys to choose` : ''}
      </p>
    </form>
  );
}

/** `value` once it has stayed the same for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
