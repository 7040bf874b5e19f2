import { useState } from 'react';
import type { CheckboxProps, ToggleProps } from '@hubspot/ui-extensions';
import { cx, testAttrs } from './dom.ts';

// The two on/off controls: a checkbox with its label, and a switch.

export function Checkbox({ name, value = '', checked, initialIsChecked, readOnly, readonly, description, onChange, children, inline, testId }: CheckboxProps) {
  const [localChecked, setLocalChecked] = useState(initialIsChecked ?? false);
  const isChecked = checked ?? localChecked;
  return (
    <label className={cx('hs-checkbox', inline && 'hs-checkbox--inline')} {...testAttrs(testId)}>
      <input
        type="checkbox"
        name={name}
        value={value}
        checked={isChecked}
        disabled={readOnly ?? readonly}
        onChange={(event) => {
          setLocalChecked(event.target.checked);
          onChange?.(event.target.checked, value);
        }}
      />
      <span>{children}</span>
      {description ? <span className="hs-field__description">{description}</span> : null}
    </label>
  );
}

export function Toggle({ label, labelDisplay = 'inline', checked, initialIsChecked, readOnly, readonly, onChange, textChecked, textUnchecked, name, testId }: ToggleProps) {
  const [localChecked, setLocalChecked] = useState(initialIsChecked ?? false);
  const isChecked = checked ?? localChecked;
  return (
    <label className={cx('hs-toggle', `hs-toggle--${labelDisplay}`)} {...testAttrs(testId)}>
      {labelDisplay === 'hidden' ? null : <span className="hs-toggle__label">{label}</span>}
      <input
        type="checkbox"
        role="switch"
        name={name}
        aria-label={label}
        checked={isChecked}
        disabled={readOnly ?? readonly}
        onChange={(event) => {
          setLocalChecked(event.target.checked);
          onChange?.(event.target.checked);
        }}
      />
      <span className="hs-toggle__track" aria-hidden="true" />
      {isChecked ? textChecked : textUnchecked}
    </label>
  );
}
