import './flows.css';

/**
 * Where the citizen is in a flow: the words ("第 2 步，共 5 步") and a bar that
 * only repeats them. `quiet`: the words in a muted colour; `large`: larger words.
 * `as="div"` where 朗读 must not read the count as a paragraph.
 */
export function StepProgress({
  text,
  current,
  total,
  testId,
  look,
  as: Text = 'p',
}: {
  text: string;
  current: number;
  total: number;
  testId: string;
  look?: 'quiet' | 'large';
  as?: 'p' | 'div';
}) {
  return (
    <div className={look === undefined ? 'step-progress' : `step-progress step-progress--${look}`}>
      <Text className="step-progress__text" data-testid={testId}>
        {text}
      </Text>
      <div className="step-progress__bar" aria-hidden="true">
        <span className="step-progress__fill" style={{ width: `${(current / total) * 100}%` }} />
      </div>
    </div>
  );
}
