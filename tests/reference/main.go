// Command k8s-yaml-reference prints, for each YAML stream it reads, what
// Kubernetes makes of it: the stream is split into documents the way kubectl
// does (k8s.io/apimachinery/pkg/util/yaml YAMLReader as it is since v0.23,
// kubernetes/kubernetes#103457; apimachinery is not packaged in Debian, so
// the splitting is written out here), and each document is converted with
// sigs.k8s.io/yaml.YAMLToJSON (over gopkg.in/yaml.v2), as kubectl's
// YAMLOrJSONDecoder does.
//
// Usage: k8s-yaml-reference FILE...   (or no FILE: one stream on stdin)
//
//	k8s-yaml-reference -scalars < lines   (one plain scalar per line: the
//	                                       JSON of `v: <scalar>`, or error)
//
// Output: one JSON line per input, {"file": F, "docs": [D...]}, where each D
// is {"json": <the JSON text>} or {"error": "<message>"}. A reader error
// (an invalid separator line) ends the list with {"error": ..., "split": true}.
// Documents whose JSON is `null` (empty, or only comments) are listed too,
// as {"json": null}: kubectl skips them.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"sigs.k8s.io/yaml"
)

// readLine returns one line with its '\n' (added at EOF too), as
// apimachinery's LineReader does.
func readLine(r *bufio.Reader) ([]byte, error) {
	var buf bytes.Buffer
	isPrefix := true
	var err error
	var line []byte
	for isPrefix && err == nil {
		line, isPrefix, err = r.ReadLine()
		buf.Write(line)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), err
}

// readDoc is YAMLReader.Read: lines up to the next line that starts with
// "---"; after the "---" only spaces and a comment may follow.
func readDoc(r *bufio.Reader) ([]byte, error) {
	var buffer bytes.Buffer
	for {
		line, err := readLine(r)
		if err != nil && err != io.EOF {
			return nil, err
		}
		if bytes.HasPrefix(line, []byte("---")) {
			trimmed := strings.TrimSpace(string(line[3:]))
			if len(trimmed) > 0 && trimmed[0] != '#' {
				return nil, fmt.Errorf("invalid Yaml document separator: %s", trimmed)
			}
			if buffer.Len() != 0 {
				return buffer.Bytes(), nil
			}
			if err == io.EOF {
				return nil, err
			}
		}
		if err == io.EOF {
			if buffer.Len() != 0 {
				return buffer.Bytes(), nil
			}
			return nil, err
		}
		buffer.Write(line)
	}
}

type doc struct {
	JSON  *json.RawMessage `json:"json,omitempty"`
	Null  bool             `json:"-"`
	Error string           `json:"error,omitempty"`
	Split bool             `json:"split,omitempty"`
}

func (d doc) MarshalJSON() ([]byte, error) {
	if d.Error != "" {
		return json.Marshal(struct {
			Error string `json:"error"`
			Split bool   `json:"split,omitempty"`
		}{d.Error, d.Split})
	}
	return json.Marshal(struct {
		JSON *json.RawMessage `json:"json"`
	}{d.JSON})
}

func convert(chunk []byte) doc {
	j, err := yaml.YAMLToJSON(chunk)
	if err != nil {
		return doc{Error: err.Error()}
	}
	raw := json.RawMessage(j)
	return doc{JSON: &raw}
}

func stream(r io.Reader) []doc {
	br := bufio.NewReader(r)
	docs := []doc{}
	for {
		chunk, err := readDoc(br)
		if err == io.EOF {
			return docs
		}
		if err != nil {
			return append(docs, doc{Error: err.Error(), Split: true})
		}
		docs = append(docs, convert(chunk))
	}
}

func main() {
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	args := os.Args[1:]
	if len(args) == 1 && args[0] == "-scalars" {
		in := bufio.NewScanner(os.Stdin)
		in.Buffer(make([]byte, 1<<20), 1<<20)
		for in.Scan() {
			d := convert([]byte("v: " + in.Text() + "\n"))
			enc.Encode(d)
		}
		return
	}
	if len(args) == 0 {
		enc.Encode(map[string]interface{}{"file": "-", "docs": stream(os.Stdin)})
		return
	}
	for _, name := range args {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		enc.Encode(map[string]interface{}{"file": name, "docs": stream(f)})
		f.Close()
	}
}
