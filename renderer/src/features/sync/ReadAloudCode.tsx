type Props = {
  code: string;
  /** What the code is, above it ("Mã vân tay của đơn vị"). */
  label: string;
  /** Smaller, for a code shown beside another one (the superior's, next to the unit's own). */
  small?: boolean;
  testId?: string;
};

/**
 * A fingerprint code to read aloud by phone: 5 groups of 4 digits, big, in a font whose digits cannot be mistaken,
 * each group kept whole so a line break never splits one.
 */
export function ReadAloudCode({ code, label, small = false, testId }: Props) {
  const groups = code.split(/\s+/).filter(Boolean);
  return (
    <figure className={`read-aloud${small ? ' read-aloud-small' : ''}`}>
      <figcaption className="read-aloud-label">{label}</figcaption>
      <p className="read-aloud-code" data-testid={testId}>
        {groups.map((group, i) => (
          <span key={i} className="read-aloud-group">
            {group}
            {i < groups.length - 1 ? ' ' : ''}
          </span>
        ))}
      </p>
    </figure>
  );
}
