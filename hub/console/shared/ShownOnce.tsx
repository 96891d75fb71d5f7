import { Typography } from 'antd';
import { useId } from 'react';

/**
 * A value the hub answers once and keeps no readable copy of (a TOTP key,
 * an enrollment code, a new password): its label, the value in a fixed-width
 * face, and a button that copies it.
 */
export function ShownOnce({
  label,
  value,
  testId,
  className,
}: {
  label: string;
  value: string;
  testId: string;
  className?: string;
}) {
  const id = useId();
  return (
    <>
      <Typography.Text strong id={id}>
        {label}
      </Typography.Text>
      <Typography.Paragraph code copyable className={className} aria-labelledby={id} data-testid={testId}>
        {value}
      </Typography.Paragraph>
    </>
  );
}
