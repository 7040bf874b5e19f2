import type {
  AlertProps,
  EmptyStateProps,
  ErrorStateProps,
  LoadingSpinnerProps,
  ProgressBarProps,
  StatusTagProps,
} from '@hubspot/ui-extensions';
import { cx, sizeName, testAttrs } from './dom.ts';

export function Alert({ title, variant = 'info', children, testId }: AlertProps) {
  const tone = variant === 'error' ? 'danger' : variant;
  return (
    <div className={`hs-alert hs-alert--${tone}`} role={tone === 'danger' ? 'alert' : 'status'} {...testAttrs(testId)}>
      <p className="hs-alert__title">{title}</p>
      {children ? <div className="hs-alert__body">{children}</div> : null}
    </div>
  );
}

/** HubSpot's status tag is a coloured dot before the label, not a filled pill. */
export function StatusTag({ variant = 'default', hollow, onClick, showRemoveIcon, onRemoveClick, children, testId }: StatusTagProps) {
  return (
    <span
      className={cx('hs-status-tag', `hs-status-tag--${variant}`, hollow && 'hs-status-tag--hollow', onClick && 'hs-clickable')}
      onClick={onClick ? () => onClick() : undefined}
      {...testAttrs(testId)}
    >
      <span className="hs-status-tag__dot" aria-hidden="true" />
      <span>{children}</span>
      {showRemoveIcon ? (
        <button type="button" className="hs-status-tag__remove" aria-label="Remove" onClick={() => onRemoveClick?.()}>
          ×
        </button>
      ) : null}
    </span>
  );
}

export function LoadingSpinner({ label, showLabel, size, layout = 'inline', testId }: LoadingSpinnerProps) {
  return (
    <div className={cx('hs-spinner', `hs-spinner--${layout}`, `hs-spinner--${sizeName(size, 'sm')}`)} role="status" {...testAttrs(testId)}>
      <span className="hs-spinner__wheel" aria-hidden="true" />
      <span className={showLabel ? 'hs-spinner__label' : 'hs-visually-hidden'}>{label}</span>
    </div>
  );
}

export function ErrorState({ title, children, testId }: ErrorStateProps) {
  return (
    <div className="hs-state hs-state--error" {...testAttrs(testId)}>
      <div className="hs-state__art hs-state__art--error" aria-hidden="true">!</div>
      <div className="hs-state__content">
        <h3 className="hs-state__title">{title ?? 'Something went wrong.'}</h3>
        {children}
      </div>
    </div>
  );
}

export function EmptyState({ title, layout = 'horizontal', reverseOrder, flush, children, testId }: EmptyStateProps) {
  return (
    <div
      className={cx('hs-state', `hs-state--${layout}`, reverseOrder && 'hs-state--reverse', flush && 'hs-state--flush')}
      {...testAttrs(testId)}
    >
      <div className="hs-state__art" aria-hidden="true">∅</div>
      <div className="hs-state__content">
        {title ? <h3 className="hs-state__title">{title}</h3> : null}
        {children}
      </div>
    </div>
  );
}

export function ProgressBar(props: ProgressBarProps) {
  const { title, showPercentage, value = 0, valueDescription, variant = 'success', testId } = props;
  const max = props.maxValue ?? props.valueMax ?? 100;
  const percent = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
  return (
    <div className="hs-progress" {...testAttrs(testId)}>
      <div className="hs-progress__header">
        {title ? <span className="hs-progress__title">{title}</span> : <span />}
        <span className="hs-progress__value">
          {showPercentage ? `${Math.round(percent)}%` : null}
          {valueDescription ? ` ${valueDescription}` : null}
        </span>
      </div>
      <div
        className="hs-progress__track"
        role="progressbar"
        aria-label={props['aria-label'] ?? title}
        aria-valuenow={value}
        aria-valuemin={0}
        aria-valuemax={max}
      >
        <div className={`hs-progress__fill hs-progress__fill--${variant}`} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
