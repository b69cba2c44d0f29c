//! The regular expressions of a policy (`namePattern`, label and annotation
//! patterns): a small engine of our own, since `regex-lite` cost about 12 KB
//! of the gzipped wasm. Patterns match a whole value. Compiled to a Thompson
//! NFA and run as a Pike VM: time linear in the value, whatever the pattern.
//!
//! Syntax: literals, `.`, `[a-z]`, `[^...]`, `\d \w \s \D \W \S`, escaped
//! punctuation, `( )`, `(?: )`, `|`, `* + ?`, `{n}`, `{n,}`, `{n,m}` (a
//! trailing `?` is accepted), `^` and `$`. No flags, backreferences or
//! look-around: such a pattern is an error, never a silent mismatch.

/// Longest pattern program, in instructions (counted repetition expands).
const MAX_PROGRAM: usize = 10_000;
/// Largest count in `{n,m}`.
const MAX_COUNT: u32 = 1_000;

#[derive(Debug, Clone, PartialEq)]
struct Class {
    negated: bool,
    ranges: Vec<(char, char)>,
}

impl Class {
    fn matches(&self, c: char) -> bool {
        self.ranges.iter().any(|&(a, b)| a <= c && c <= b) != self.negated
    }
}

#[derive(Debug, Clone)]
enum Node {
    Class(Class),
    Any,
    Start,
    End,
    Cat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, u32, Option<u32>),
}

#[derive(Debug, Clone)]
enum Inst {
    Class(Class),
    Any,
    Split(usize, usize),
    Jmp(usize),
    Start,
    End,
    Match,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Regex {
    prog: Vec<Inst>,
}

struct Parser<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
}

fn perl(c: char) -> Option<Class> {
    let digit = vec![('0', '9')];
    let word = vec![('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
    let space = vec![('\t', '\r'), (' ', ' ')];
    let (ranges, negated) = match c {
        'd' => (digit, false),
        'D' => (digit, true),
        'w' => (word, false),
        'W' => (word, true),
        's' => (space, false),
        'S' => (space, true),
        _ => return None,
    };
    Some(Class { negated, ranges })
}

fn literal(c: char) -> Class {
    Class {
        negated: false,
        ranges: vec![(c, c)],
    }
}

impl Parser<'_> {
    fn alt(&mut self) -> Result<Node, String> {
        let mut branches = vec![self.cat()?];
        while self.chars.peek() == Some(&'|') {
            self.chars.next();
            branches.push(self.cat()?);
        }
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Cat(Vec::new()))
        } else {
            Node::Alt(branches)
        })
    }

    fn cat(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        while let Some(&c) = self.chars.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            items.push(self.repeat(atom)?);
        }
        Ok(Node::Cat(items))
    }

    fn escape(&mut self) -> Result<Class, String> {
        match self.chars.next() {
            None => Err("a trailing \\".into()),
            Some(c) => {
                if let Some(class) = perl(c) {
                    return Ok(class);
                }
                match c {
                    'n' => Ok(literal('\n')),
                    't' => Ok(literal('\t')),
                    c if c.is_ascii_punctuation() => Ok(literal(c)),
                    c => Err(format!("the escape \\{c} is not supported")),
                }
            }
        }
    }

    fn atom(&mut self) -> Result<Node, String> {
        let c = self.chars.next().ok_or("an unexpected end")?;
        Ok(match c {
            '.' => Node::Any,
            '^' => Node::Start,
            '$' => Node::End,
            '\\' => Node::Class(self.escape()?),
            '[' => Node::Class(self.class()?),
            '(' => {
                if self.chars.peek() == Some(&'?') {
                    self.chars.next();
                    if self.chars.next() != Some(':') {
                        return Err(
                            "only (?: ) groups are supported (no flags or look-around)".into()
                        );
                    }
                }
                let inner = self.alt()?;
                if self.chars.next() != Some(')') {
                    return Err("an unclosed (".into());
                }
                inner
            }
            '*' | '+' | '?' | '{' => return Err(format!("{c} repeats nothing")),
            ')' => return Err("an unopened )".into()),
            c => Node::Class(literal(c)),
        })
    }

    fn class(&mut self) -> Result<Class, String> {
        let mut class = Class {
            negated: self.chars.peek() == Some(&'^'),
            ranges: Vec::new(),
        };
        if class.negated {
            self.chars.next();
        }
        let mut first = true;
        loop {
            let c = self.chars.next().ok_or("an unclosed [")?;
            if c == ']' && !first {
                return Ok(class);
            }
            first = false;
            let lo = if c == '\\' {
                let e = self.escape()?;
                if e.negated {
                    return Err("\\D, \\W and \\S are not supported inside [ ]".into());
                }
                if e.ranges.len() > 1 || e.ranges[0].0 != e.ranges[0].1 {
                    class.ranges.extend(e.ranges);
                    continue;
                }
                e.ranges[0].0
            } else {
                c
            };
            let mut ahead = self.chars.clone();
            if ahead.next() == Some('-') && ahead.peek().is_some_and(|&n| n != ']') {
                self.chars.next();
                let hi = match self.chars.next() {
                    Some('\\') => self.escape()?.ranges[0].0,
                    Some(h) => h,
                    None => return Err("an unclosed [".into()),
                };
                if hi < lo {
                    return Err(format!("the range {lo}-{hi} is backwards"));
                }
                class.ranges.push((lo, hi));
            } else {
                class.ranges.push((lo, lo));
            }
        }
    }

    fn number(&mut self) -> Option<u32> {
        let mut n: Option<u32> = None;
        while let Some(d) = self.chars.peek().and_then(|c| c.to_digit(10)) {
            self.chars.next();
            n = Some(n.unwrap_or(0).saturating_mul(10).saturating_add(d));
        }
        n
    }

    fn repeat(&mut self, mut atom: Node) -> Result<Node, String> {
        loop {
            let (min, max) = match self.chars.peek() {
                Some('*') => (0, None),
                Some('+') => (1, None),
                Some('?') => (0, Some(1)),
                Some('{') => {
                    self.chars.next();
                    let min = self.number().ok_or("{ needs a count")?;
                    let max = if self.chars.peek() == Some(&',') {
                        self.chars.next();
                        self.number()
                    } else {
                        Some(min)
                    };
                    if self.chars.peek() != Some(&'}') {
                        return Err("an unclosed {".into());
                    }
                    if min > MAX_COUNT || max.is_some_and(|m| m > MAX_COUNT || m < min) {
                        return Err(format!("a bad count: at most {MAX_COUNT}, min before max"));
                    }
                    (min, max)
                }
                _ => return Ok(atom),
            };
            self.chars.next();
            // Lazy or greedy is the same for a whole match.
            if self.chars.peek() == Some(&'?') {
                self.chars.next();
            }
            atom = Node::Repeat(Box::new(atom), min, max);
        }
    }
}

fn emit(node: &Node, prog: &mut Vec<Inst>) -> Result<(), String> {
    if prog.len() > MAX_PROGRAM {
        return Err("the pattern is too large".into());
    }
    match node {
        Node::Class(c) => prog.push(Inst::Class(c.clone())),
        Node::Any => prog.push(Inst::Any),
        Node::Start => prog.push(Inst::Start),
        Node::End => prog.push(Inst::End),
        Node::Cat(items) => {
            for n in items {
                emit(n, prog)?;
            }
        }
        Node::Alt(branches) => {
            let mut jumps = Vec::new();
            for (i, b) in branches.iter().enumerate() {
                if i + 1 < branches.len() {
                    let split = prog.len();
                    prog.push(Inst::Split(split + 1, 0));
                    emit(b, prog)?;
                    jumps.push(prog.len());
                    prog.push(Inst::Jmp(0));
                    let next = prog.len();
                    prog[split] = Inst::Split(split + 1, next);
                } else {
                    emit(b, prog)?;
                }
            }
            let end = prog.len();
            for j in jumps {
                prog[j] = Inst::Jmp(end);
            }
        }
        Node::Repeat(inner, min, max) => {
            for _ in 0..*min {
                emit(inner, prog)?;
            }
            match max {
                None => {
                    let split = prog.len();
                    prog.push(Inst::Split(split + 1, 0));
                    emit(inner, prog)?;
                    prog.push(Inst::Jmp(split));
                    let end = prog.len();
                    prog[split] = Inst::Split(split + 1, end);
                }
                Some(max) => {
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(prog.len());
                        prog.push(Inst::Split(0, 0));
                        emit(inner, prog)?;
                    }
                    let end = prog.len();
                    for s in splits {
                        prog[s] = Inst::Split(s + 1, end);
                    }
                }
            }
        }
    }
    Ok(())
}

impl Regex {
    pub fn new(pattern: &str) -> Result<Regex, String> {
        let mut p = Parser {
            chars: pattern.chars().peekable(),
        };
        let node = p.alt()?;
        if p.chars.next().is_some() {
            return Err("an unopened )".into());
        }
        let mut prog = Vec::new();
        emit(&node, &mut prog)?;
        prog.push(Inst::Match);
        if prog.len() > MAX_PROGRAM {
            return Err("the pattern is too large".into());
        }
        Ok(Regex { prog })
    }

    /// Whether the pattern matches the whole of `text`.
    pub fn is_match(&self, text: &str) -> bool {
        let chars: Vec<char> = text.chars().collect();
        let mut seen = vec![usize::MAX; self.prog.len()];
        // Threads about to read the char at `pos`, and those to start there.
        let mut reading: Vec<usize> = Vec::new();
        let mut starting: Vec<usize> = vec![0];
        let mut stack: Vec<usize> = Vec::new();
        for pos in 0..=chars.len() {
            stack.extend(starting.drain(..).rev());
            reading.clear();
            while let Some(pc) = stack.pop() {
                if seen[pc] == pos {
                    continue;
                }
                seen[pc] = pos;
                match &self.prog[pc] {
                    Inst::Jmp(t) => stack.push(*t),
                    Inst::Split(a, b) => {
                        stack.push(*b);
                        stack.push(*a);
                    }
                    Inst::Start if pos == 0 => stack.push(pc + 1),
                    Inst::End if pos == chars.len() => stack.push(pc + 1),
                    Inst::Match if pos == chars.len() => return true,
                    Inst::Class(_) | Inst::Any => reading.push(pc),
                    Inst::Start | Inst::End | Inst::Match => {}
                }
            }
            let Some(&c) = chars.get(pos) else {
                break;
            };
            for &pc in &reading {
                let ok = match &self.prog[pc] {
                    Inst::Class(class) => class.matches(c),
                    _ => c != '\n',
                };
                if ok {
                    starting.push(pc + 1);
                }
            }
            if starting.is_empty() {
                return false;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_matches() {
        for (p, t, want) in [
            ("abc", "abc", true),
            ("abc", "abcd", false),
            ("a.c", "abc", true),
            ("^[a-z][a-z0-9-]*$", "batch-1", true),
            ("^[a-z][a-z0-9-]*$", "Batch", false),
            ("batch-.*", "batch-report", true),
            ("batch-.*", "report", false),
            ("cc-[0-9]+", "cc-42", true),
            ("cc-[0-9]+", "cc-", false),
            ("a|bc|d", "bc", true),
            ("(?:ab)+", "ababab", true),
            ("(ab)+", "aba", false),
            ("a{2,3}", "aaa", true),
            ("a{2,3}", "aaaa", false),
            ("a{2}", "aa", true),
            ("a{2,}", "aaaaa", true),
            ("\\d+\\.\\d+", "1.34", true),
            ("\\w+", "a_b9", true),
            ("\\W", "a", false),
            ("[^a-c]x", "dx", true),
            ("[^a-c]x", "bx", false),
            ("[-a]", "-", true),
            ("[a-]", "-", true),
            ("[\\d.]+", "1.2", true),
            ("colou?r", "color", true),
            ("x*?", "", true),
            ("(a|ab)(c|bcd)(d*)", "abcd", true),
            ("(a*)*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false),
            (".+@example\\.com", "team@example.com", true),
        ] {
            let re = Regex::new(p).unwrap_or_else(|e| panic!("{p}: {e}"));
            assert_eq!(re.is_match(t), want, "{p} on {t:?}");
        }
    }

    #[test]
    fn unsupported_and_broken_patterns_are_errors() {
        for p in [
            "a(", "a)", "[a", "*a", "a{2", "a{3,2}", "(?i)a", "(?=a)", "\\1", "[z-a]", "a{5000}",
            "\\",
        ] {
            assert!(Regex::new(p).is_err(), "{p}");
        }
    }
}
