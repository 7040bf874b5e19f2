import { useEffect, useId, useState } from 'react';
import type { ReactNode } from 'react';
import type { BaseDate, DateInputProps, InputProps, SelectProps, TextAreaProps } from '@hubspot/ui-extensions';
import { calendarDateOf, isoDayOf } from '../../../app/cards/contract/days.ts';
import { cx, testAttrs } from './dom.ts';

// The form fields: text, number, date and choice inputs in HubSpot's field frame (label,
// description, validation message). Buttons and forms: buttons.tsx; checkbox, toggle: toggles.tsx.

interface FieldFrameProps {
  readonly id: string;
  readonly label?: string;
  readonly required?: boolean;
  readonly description?: string;
  readonly tooltip?: string;
  readonly error?: boolean;
  readonly validationMessage?: string;
  readonly testId?: string;
  readonly children: ReactNode;
}

function FieldFrame({ id, label, required, description, tooltip, error, validationMessage, testId, children }: FieldFrameProps) {
  return (
    <div className={cx('hs-field', error && 'has-error')} {...testAttrs(testId)}>
      {label ? (
        <label className="hs-field__label" htmlFor={id} title={tooltip}>
          {label}
          {required ? <span className="hs-field__required"> *</span> : null}
        </label>
      ) : null}
      {description ? <p className="hs-field__description">{description}</p> : null}
      {children}
      {validationMessage ? <p className={cx('hs-field__message', error && 'is-error')}>{validationMessage}</p> : null}
    </div>
  );
}

/**
 * HubSpot's text inputs keep what is typed locally, report every keystroke to `onInput` and
 * commit the value to `onChange` when the field loses focus.
 */
function useDraft<T>(value: T | undefined, defaultValue: T | undefined, empty: T) {
  const [draft, setDraft] = useState<T>(value ?? defaultValue ?? empty);
  useEffect(() => {
    if (value !== undefined) setDraft(value);
  }, [value]);
  return [draft, setDraft] as const;
}

interface TextEventProps {
  readonly onInput?: ((value: string) => void) | undefined;
  readonly onChange?: ((value: string) => void) | undefined;
  readonly onBlur?: ((value: string) => void) | undefined;
  readonly onFocus?: ((value: string) => void) | undefined;
}

/** The DOM events of a text field, mapped to HubSpot's onInput / onChange-on-blur contract. */
function textEvents(props: TextEventProps, draft: string, setDraft: (text: string) => void) {
  return {
    onChange: (event: { target: { value: string } }) => {
      setDraft(event.target.value);
      props.onInput?.(event.target.value);
    },
    onBlur: () => {
      props.onChange?.(draft);
      props.onBlur?.(draft);
    },
    onFocus: () => props.onFocus?.(draft),
  };
}

/** The attributes every field's control carries (the frame's label points at `id`). */
function fieldAttributes(id: string, props: { readonly name?: string | undefined; readonly readOnly?: boolean | undefined }) {
  return { id, name: props.name, readOnly: props.readOnly };
}

/** A text field's attributes (`<input>` or `<textarea>`). */
function textFieldAttributes(id: string, props: InputProps | TextAreaProps) {
  return { ...fieldAttributes(id, props), placeholder: props.placeholder, required: props.required, 'aria-invalid': props.error };
}

/** A select's options, by index (option values may be any type; the DOM's are strings). */
function OptionList({ options }: { readonly options: SelectProps['options'] }) {
  return (
    <>
      {options.map((option, index) => (
        <option key={String(option.value)} value={String(index)}>
          {option.label}
        </option>
      ))}
    </>
  );
}

export function TextArea(props: TextAreaProps) {
  const id = useId();
  const [draft, setDraft] = useDraft(props.value, props.defaultValue, '');
  return (
    <FieldFrame id={id} {...props}>
      <textarea
        {...textFieldAttributes(id, props)}
        className="hs-input hs-textarea"
        value={draft}
        rows={props.rows ?? 3}
        cols={props.cols}
        maxLength={props.maxLength}
        style={{ resize: props.resize ?? 'vertical' }}
        {...textEvents(props, draft, setDraft)}
      />
    </FieldFrame>
  );
}

export function Select(props: SelectProps) {
  const id = useId();
  const { options } = props;
  const selectedIndex = options.findIndex((option) => option.value === props.value);
  return (
    <FieldFrame id={id} {...props}>
      <select
        id={id}
        className={cx('hs-input', 'hs-select', props.variant === 'transparent' && 'hs-select--transparent')}
        name={props.name}
        value={selectedIndex < 0 ? '' : String(selectedIndex)}
        disabled={props.readOnly}
        required={props.required}
        onChange={(event) => {
          const option = options[Number(event.target.value)];
          if (option) props.onChange?.(option.value);
        }}
      >
        <option value="" disabled>
          {props.placeholder ?? ''}
        </option>
        <OptionList options={options} />
      </select>
    </FieldFrame>
  );
}

function toIso(date: BaseDate | null | undefined): string {
  return date ? isoDayOf(date) : '';
}

/** HubSpot's dates are `{year, month (0-11), date}`. */
function fromIso(text: string): BaseDate | null {
  return calendarDateOf(text);
}

export function DateInput(props: DateInputProps) {
  const id = useId();
  const [draft, setDraft] = useDraft<BaseDate | null>(props.value, props.defaultValue, null);
  return (
    <FieldFrame id={id} {...props}>
      <input
        {...fieldAttributes(id, props)}
        className="hs-input"
        type="date"
        value={toIso(draft)}
        min={toIso(props.min)}
        max={toIso(props.max)}
        required={props.required}
        onChange={(event) => {
          const next = fromIso(event.target.value);
          setDraft(next);
          if (next) props.onChange?.({ ...next, formattedDate: event.target.value });
        }}
        onBlur={() => draft && props.onBlur?.({ ...draft, formattedDate: toIso(draft) })}
      />
    </FieldFrame>
  );
}
