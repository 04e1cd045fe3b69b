package awsconfig

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// Keys read from a profile. Keys match case-insensitively.
const (
	keyAccessKeyID     = "aws_access_key_id"
	keySecretAccessKey = "aws_secret_access_key"
	keySessionToken    = "aws_session_token"
)

// unsupportedKeys are settings that provide credentials in ways this package
// does not implement; naming them in an error saves the user a search.
var unsupportedKeys = []string{
	"role_arn", "source_profile", "credential_source", "credential_process",
	"sso_session", "sso_start_url", "web_identity_token_file", "login_session",
}

// FromSharedFile reads the named profile's aws_access_key_id,
// aws_secret_access_key and, if present, aws_session_token from the shared
// credentials file at path.
//
// The file is parsed as the AWS SDKs and Tools reference guide describes the
// shared files:
//
//   - A line "[name]" starts the section of profile name; "[profile name]",
//     the config file's form, is accepted too and means the same profile.
//     Whitespace around the name is ignored, a comment may follow the "]",
//     and profile names are case-sensitive.
//   - "key = value" sets a property of the current profile, with whitespace
//     around key and value trimmed. Keys are case-insensitive; unknown keys
//     are ignored.
//   - Lines whose first non-blank character is "#" or ";" are comments, as
//     are blank lines. In a value, "#" or ";" starts a comment only when
//     preceded by whitespace, so "a#b" is a value but "a #b" is "a".
//   - An indented line after a property continues it: after an empty value
//     it is a sub-property (as in "s3 =" followed by indented settings),
//     which is ignored; otherwise it continues the value on a new line. An
//     indented line with no property above it in its section is read as a
//     property, which is what someone who indents a whole section means.
//   - A profile that appears more than once is the merge of its sections,
//     later settings winning.
//
// Errors name the file and, for syntax errors, the line; they say when the
// profile, or a key in it, is missing. The only text from the file they
// quote is profile names, and the only keys they name are the ones read here
// or known ones that this package does not support (role_arn, sso_session,
// credential_process, ...), so they never contain a credential. A missing
// file gives an error matching fs.ErrNotExist.
func FromSharedFile(path, profile string) (LoadedCredentials, error) {
	c, err := fromSharedFile(path, profile)
	if err != nil {
		return LoadedCredentials{}, fmt.Errorf("awsconfig: %w", err)
	}
	return c, nil
}

// fromSharedFile is FromSharedFile with errors not prefixed by the package
// name, for Load to wrap.
func fromSharedFile(path, profile string) (LoadedCredentials, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		msg := "cannot be read"
		if errors.Is(err, fs.ErrNotExist) {
			msg = "does not exist"
		} else if pe, ok := errors.AsType[*fs.PathError](err); ok {
			// The PathError repeats the path; keep only its reason.
			msg = "cannot be read: " + pe.Err.Error()
		}
		return LoadedCredentials{}, &fileError{path: path, msg: msg, err: err}
	}
	p, err := parseProfile(string(data), profile)
	if err != nil {
		if fe, ok := err.(*fileError); ok {
			fe.path = path
		}
		return LoadedCredentials{}, err
	}

	if !p.found {
		msg := fmt.Sprintf("has no profile %q", profile)
		if len(p.names) > 0 {
			msg += fmt.Sprintf(" (it has %s)", quoteList(p.names))
		}
		return LoadedCredentials{}, &fileError{path: path, msg: msg}
	}
	// Keys and tokens never contain whitespace. Finding some almost always
	// means an indented line after the key, which the format reads as a
	// continuation of its value; say so instead of failing later with a
	// signature mismatch.
	for _, v := range []struct {
		key string
		val setting
	}{{keyAccessKeyID, p.id}, {keySecretAccessKey, p.secret}, {keySessionToken, p.token}} {
		if strings.ContainsAny(v.val.value, " \t\r\n") {
			return LoadedCredentials{}, &fileError{path: path, line: v.val.line,
				msg: fmt.Sprintf("the value of %s in profile %q contains whitespace, which no key or token does (an indented line continues the value above it)", v.key, profile)}
		}
	}
	switch {
	case p.id.value == "" && p.secret.value == "":
		msg := fmt.Sprintf("profile %q has no %s or %s", profile, keyAccessKeyID, keySecretAccessKey)
		if len(p.unsupported) > 0 {
			msg += fmt.Sprintf("; it sets %s, which this client does not support (only static keys)", quoteList(p.unsupported))
		}
		return LoadedCredentials{}, &fileError{path: path, msg: msg}
	case p.id.value == "":
		return LoadedCredentials{}, &fileError{path: path, msg: fmt.Sprintf("profile %q has no %s", profile, keyAccessKeyID)}
	case p.secret.value == "":
		return LoadedCredentials{}, &fileError{path: path, msg: fmt.Sprintf("profile %q has no %s", profile, keySecretAccessKey)}
	}
	return LoadedCredentials{
		AccessKeyID:     p.id.value,
		SecretAccessKey: p.secret.value,
		SessionToken:    p.token.value,
		Source:          fmt.Sprintf("shared credentials file %s (profile %s)", path, profile),
	}, nil
}

// fileError is an error about the shared credentials file. Its text is
// built only from the path, a line number and a message that this package
// writes, which is what keeps file contents out of errors.
type fileError struct {
	path string
	line int // 0 when the error is not about one line
	msg  string
	err  error // cause, for errors.Is; not printed
}

func (e *fileError) Error() string {
	if e.line > 0 {
		return fmt.Sprintf("shared credentials file %s, line %d: %s", e.path, e.line, e.msg)
	}
	return fmt.Sprintf("shared credentials file %s %s", e.path, e.msg)
}

func (e *fileError) Unwrap() error { return e.err }

// setting is a value and the line that set it, for messages.
type setting struct {
	value string
	line  int
}

// profileData is what parseProfile keeps: the wanted profile's credentials
// and, for messages, the names of all profiles and of unsupported keys. It
// keeps no value from any other profile.
type profileData struct {
	found             bool
	id, secret, token setting
	names             []string
	unsupported       []string
}

// parseProfile reads the file's text and returns the settings of profile.
// Syntax errors are *fileError values without the path, which the caller
// fills in.
func parseProfile(text, profile string) (profileData, error) {
	var (
		p profileData
		// section is the current profile's name; inSection is false before
		// the first section header.
		section   string
		inSection bool
		// lastKey is the property the next indented line would continue
		// ("" if none), and lastEmpty says its value was empty, making the
		// indented lines a sub-property block.
		lastKey   string
		lastEmpty bool
	)
	text = strings.TrimPrefix(text, "\uFEFF") // a byte-order mark some editors write
	lineNo := 0
	for line := range strings.Lines(text) {
		lineNo++
		line = strings.TrimRight(line, " \t\r\n")
		trimmed := strings.TrimLeft(line, " \t")
		if trimmed == "" || trimmed[0] == '#' || trimmed[0] == ';' {
			continue
		}
		indented := len(trimmed) < len(line)

		if trimmed[0] == '[' {
			name, err := sectionName(trimmed)
			if err != nil {
				return profileData{}, &fileError{line: lineNo, msg: err.Error()}
			}
			section, inSection = name, true
			lastKey = ""
			if !slices.Contains(p.names, name) {
				p.names = append(p.names, name)
			}
			if name == profile {
				p.found = true
			}
			continue
		}

		if indented && lastKey != "" {
			if lastEmpty || section != profile {
				continue // a sub-property, or another profile's value
			}
			if s := valueSetting(&p, lastKey); s != nil {
				s.value += "\n" + stripComment(trimmed)
			}
			continue
		}

		if !inSection {
			return profileData{}, &fileError{line: lineNo, msg: "a property appears before any [profile] section"}
		}
		eq := strings.IndexByte(trimmed, '=')
		if eq < 0 {
			return profileData{}, &fileError{line: lineNo, msg: `expected "key = value", "[profile]" or a comment`}
		}
		key := strings.TrimSpace(trimmed[:eq])
		if key == "" {
			return profileData{}, &fileError{line: lineNo, msg: `a property has no key before "="`}
		}
		// Strip the comment before trimming, so that in "key = #x" the "#"
		// counts as preceded by whitespace.
		value := stripComment(trimmed[eq+1:])
		lastKey, lastEmpty = key, value == ""
		if section != profile {
			continue
		}
		if s := valueSetting(&p, key); s != nil {
			*s = setting{value: value, line: lineNo}
		} else if k := strings.ToLower(key); slices.Contains(unsupportedKeys, k) && !slices.Contains(p.unsupported, k) {
			p.unsupported = append(p.unsupported, k)
		}
	}
	return p, nil
}

// valueSetting returns where parseProfile stores key, or nil for a key it
// does not keep.
func valueSetting(p *profileData, key string) *setting {
	switch {
	case strings.EqualFold(key, keyAccessKeyID):
		return &p.id
	case strings.EqualFold(key, keySecretAccessKey):
		return &p.secret
	case strings.EqualFold(key, keySessionToken):
		return &p.token
	}
	return nil
}

// sectionName parses a section header line (which starts with "[") and
// returns the profile name. Its errors quote nothing from the line.
func sectionName(line string) (string, error) {
	end := strings.IndexByte(line, ']')
	if end < 0 {
		return "", errors.New(`a section header has no closing "]"`)
	}
	if rest := strings.TrimLeft(line[end+1:], " \t"); rest != "" && rest[0] != '#' && rest[0] != ';' {
		return "", errors.New(`unexpected text after a section header's "]"`)
	}
	name := strings.TrimSpace(line[1:end])
	// "[profile name]" is the config file's spelling of "[name]". The
	// prefix needs whitespace after it: "[profile-x]" and "[profiles]" are
	// ordinary names.
	if after, ok := strings.CutPrefix(name, "profile"); ok && after != "" && (after[0] == ' ' || after[0] == '\t') {
		name = strings.TrimSpace(after)
	}
	if name == "" {
		return "", errors.New("a section header has an empty profile name")
	}
	return name, nil
}

// stripComment removes an inline comment, a "#" or ";" preceded by
// whitespace, and trims the rest.
func stripComment(s string) string {
	for i := 1; i < len(s); i++ {
		if (s[i] == '#' || s[i] == ';') && (s[i-1] == ' ' || s[i-1] == '\t') {
			s = s[:i]
			break
		}
	}
	return strings.TrimSpace(s)
}

func quoteList(names []string) string {
	var b strings.Builder
	for i, n := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", n)
	}
	return b.String()
}
