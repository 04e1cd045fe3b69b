package main

import (
	"bytes"
	"strings"
	"testing"
)

// model wraps shapes (the inside of the "shapes" object) into a minimal
// upstream document, so each case shows only what it is about.
func model(shapes string) string {
	return `{"smithy": "2.0", "shapes": {` + shapes + `}}`
}

func TestRefresh(t *testing.T) {
	tests := []struct {
		name      string
		upstream  string
		additions string
		want      string // whole output, when the refresh should succeed
		wantNote  string // a substring of the notes, if any are expected
		wantErr   []string
	}{
		{
			name: "strip documentation",
			upstream: model(`
				"ex#Svc": {"type": "service", "version": "1", "traits": {
					"smithy.api#documentation": "<p>Their words.</p>",
					"smithy.api#externalDocumentation": {"Guide": "https://example.com/g"},
					"smithy.rules#endpointRuleSet": {"version": "1.0",
						"parameters": {"Region": {"type": "String", "documentation": "their param words"}},
						"rules": [{"type": "tree", "documentation": "their rule words", "conditions": [],
							"rules": [{"type": "error", "documentation": "nested words", "conditions": [], "error": "no"}]}]},
					"smithy.rules#endpointTests": {"version": "1.0", "testCases": [
						{"documentation": "their test words", "params": {"documentation": "a fact, kept"}, "expect": {"error": "x"}}]}}},
				"ex#Op": {"type": "operation", "traits": {"smithy.api#examples": [
					{"title": "Example one", "documentation": "their example words", "input": {"Name": "a"}}]}},
				"ex#S": {"type": "structure", "members": {
					"a": {"target": "smithy.api#String", "traits": {"smithy.api#documentation": "gone, and so is traits"}},
					"b": {"target": "smithy.api#String", "traits": {"smithy.api#documentation": "gone", "smithy.api#required": {}}},
					"c": {"target": "smithy.api#String", "traits": {}}},
					"traits": {"smithy.api#documentation": "gone"}},
				"ex#L": {"type": "list", "member": {"target": "smithy.api#String", "traits": {"smithy.api#documentation": "gone"}}},
				"ex#M": {"type": "map",
					"key": {"target": "smithy.api#String", "traits": {"smithy.api#documentation": "gone"}},
					"value": {"target": "smithy.api#String", "traits": {"smithy.api#documentation": "gone"}}}`),
			additions: `{}`,
			want: `{
  "smithy": "2.0",
  "shapes": {
    "ex#Svc": {
      "type": "service",
      "version": "1",
      "traits": {
        "smithy.api#externalDocumentation": {
          "Guide": "https://example.com/g"
        },
        "smithy.rules#endpointRuleSet": {
          "version": "1.0",
          "parameters": {
            "Region": {
              "type": "String"
            }
          },
          "rules": [
            {
              "type": "tree",
              "conditions": [],
              "rules": [
                {
                  "type": "error",
                  "conditions": [],
                  "error": "no"
                }
              ]
            }
          ]
        },
        "smithy.rules#endpointTests": {
          "version": "1.0",
          "testCases": [
            {
              "params": {
                "documentation": "a fact, kept"
              },
              "expect": {
                "error": "x"
              }
            }
          ]
        }
      }
    },
    "ex#Op": {
      "type": "operation",
      "traits": {
        "smithy.api#examples": [
          {
            "title": "Example one",
            "input": {
              "Name": "a"
            }
          }
        ]
      }
    },
    "ex#S": {
      "type": "structure",
      "members": {
        "a": {
          "target": "smithy.api#String"
        },
        "b": {
          "target": "smithy.api#String",
          "traits": {
            "smithy.api#required": {}
          }
        },
        "c": {
          "target": "smithy.api#String",
          "traits": {}
        }
      }
    },
    "ex#L": {
      "type": "list",
      "member": {
        "target": "smithy.api#String"
      }
    },
    "ex#M": {
      "type": "map",
      "key": {
        "target": "smithy.api#String"
      },
      "value": {
        "target": "smithy.api#String"
      }
    }
  }
}
`,
		},
		{
			name: "keep order and source text",
			upstream: `{"smithy":"2.0","metadata":{"suppressions":[{"id":"X","namespace":"*"}]},"shapes":{
				"ex#Zeta":{"type":"structure","members":{"z":{"target":"ex#Num"},"a":{"target":"ex#Num","traits":{"smithy.api#default":1.50}}}},
				"ex#Alpha":{"type":"string","traits":{"smithy.api#pattern":"^\\w+\u00e9$","smithy.api#length":{"min":1e0,"max":-0}}},
				"ex#Num":{"type":"float","traits":{"smithy.api#range":{"max":3.0E2},"smithy.api#default":null}}}}`,
			additions: `{}`,
			want: `{
  "smithy": "2.0",
  "metadata": {
    "suppressions": [
      {
        "id": "X",
        "namespace": "*"
      }
    ]
  },
  "shapes": {
    "ex#Zeta": {
      "type": "structure",
      "members": {
        "z": {
          "target": "ex#Num"
        },
        "a": {
          "target": "ex#Num",
          "traits": {
            "smithy.api#default": 1.50
          }
        }
      }
    },
    "ex#Alpha": {
      "type": "string",
      "traits": {
        "smithy.api#pattern": "^\\w+\u00e9$",
        "smithy.api#length": {
          "min": 1e0,
          "max": -0
        }
      }
    },
    "ex#Num": {
      "type": "float",
      "traits": {
        "smithy.api#range": {
          "max": 3.0E2
        },
        "smithy.api#default": null
      }
    }
  }
}
`,
		},
		{
			name: "add member after another, at the end, with traits and our documentation",
			upstream: model(`
				"ex#S": {"type": "structure", "members": {
					"a": {"target": "smithy.api#String", "traits": {"smithy.api#documentation": "theirs"}},
					"b": {"target": "smithy.api#String"}},
					"traits": {"smithy.api#input": {}}},
				"ex#Empty": {"type": "structure", "traits": {"smithy.api#output": {}}},
				"ex#Id": {"type": "string"}`),
			additions: `{
				"comment": "test",
				"members": [
					{"shape": "ex#S", "member": "x", "after": "a", "target": "ex#Id", "comment": "why"},
					{"shape": "ex#S", "member": "y", "target": "smithy.api#Integer", "traits": {"smithy.api#default": 0, "smithy.api#range": {"min": 0}}},
					{"shape": "ex#Empty", "member": "only", "target": "ex#Id"}
				],
				"documentation": {
					"ex#S$a": "Ours, replacing theirs.",
					"ex#S$x": "Ours on a new member.",
					"ex#S$y": "Ours, sorted in among the \"traits\".",
					"ex#Id": "Ours on a shape that had no traits.",
					"ex#S": "Ours on a shape."
				}
			}`,
			want: `{
  "smithy": "2.0",
  "shapes": {
    "ex#S": {
      "type": "structure",
      "members": {
        "a": {
          "target": "smithy.api#String",
          "traits": {
            "smithy.api#documentation": "Ours, replacing theirs."
          }
        },
        "x": {
          "target": "ex#Id",
          "traits": {
            "smithy.api#documentation": "Ours on a new member."
          }
        },
        "b": {
          "target": "smithy.api#String"
        },
        "y": {
          "target": "smithy.api#Integer",
          "traits": {
            "smithy.api#default": 0,
            "smithy.api#documentation": "Ours, sorted in among the \"traits\".",
            "smithy.api#range": {
              "min": 0
            }
          }
        }
      },
      "traits": {
        "smithy.api#documentation": "Ours on a shape.",
        "smithy.api#input": {}
      }
    },
    "ex#Empty": {
      "type": "structure",
      "members": {
        "only": {
          "target": "ex#Id"
        }
      },
      "traits": {
        "smithy.api#output": {}
      }
    },
    "ex#Id": {
      "type": "string",
      "traits": {
        "smithy.api#documentation": "Ours on a shape that had no traits."
      }
    }
  }
}
`,
		},
		{
			name: "member already upstream with the same target is a no-op",
			upstream: model(`
				"ex#S": {"type": "structure", "members": {
					"a": {"target": "smithy.api#String"},
					"b": {"target": "ex#Id", "traits": {"smithy.api#documentation": "theirs", "smithy.api#required": {}}}}},
				"ex#Id": {"type": "string"}`),
			additions: `{
				"members": [{"shape": "ex#S", "member": "b", "after": "gone-upstream", "target": "ex#Id"}],
				"documentation": {"ex#S$b": "Ours."}
			}`,
			want: `{
  "smithy": "2.0",
  "shapes": {
    "ex#S": {
      "type": "structure",
      "members": {
        "a": {
          "target": "smithy.api#String"
        },
        "b": {
          "target": "ex#Id",
          "traits": {
            "smithy.api#documentation": "Ours.",
            "smithy.api#required": {}
          }
        }
      }
    },
    "ex#Id": {
      "type": "string"
    }
  }
}
`,
			wantNote: "additions.json: members[0]: ex#S$b is now upstream with the same target",
		},
		{
			name:      "member already upstream with another target",
			upstream:  model(`"ex#S": {"type": "structure", "members": {"b": {"target": "smithy.api#String"}}}, "ex#Id": {"type": "string"}`),
			additions: `{"members": [{"shape": "ex#S", "member": "b", "target": "ex#Id"}]}`,
			wantErr:   []string{"additions.json: members[0]: ex#S$b already exists upstream with target smithy.api#String, not ex#Id"},
		},
		{
			name:      "member name differing only in case",
			upstream:  model(`"ex#S": {"type": "structure", "members": {"assetId": {"target": "smithy.api#String"}}}`),
			additions: `{"members": [{"shape": "ex#S", "member": "AssetId", "target": "smithy.api#String"}]}`,
			wantErr:   []string{"additions.json: members[0]: ex#S$AssetId clashes with upstream member assetId"},
		},
		{
			name:      "after names a missing member",
			upstream:  model(`"ex#S": {"type": "structure", "members": {"a": {"target": "smithy.api#String"}}}`),
			additions: `{"members": [{"shape": "ex#S", "member": "x", "after": "nope", "target": "smithy.api#String"}]}`,
			wantErr:   []string{"additions.json: members[0]: ex#S has no member \"nope\" to add x after"},
		},
		{
			name:      "unknown shape",
			upstream:  model(`"ex#S": {"type": "structure"}`),
			additions: `{"members": [{"shape": "ex#T", "member": "x", "target": "smithy.api#String"}]}`,
			wantErr:   []string{"additions.json: members[0]: shape ex#T not found"},
		},
		{
			name:      "shape is not a structure",
			upstream:  model(`"ex#S": {"type": "string"}`),
			additions: `{"members": [{"shape": "ex#S", "member": "x", "target": "smithy.api#String"}]}`,
			wantErr:   []string{"additions.json: members[0]: shape ex#S is not a structure"},
		},
		{
			name:      "unknown target",
			upstream:  model(`"ex#S": {"type": "structure"}`),
			additions: `{"members": [{"shape": "ex#S", "member": "x", "target": "ex#Missing"}]}`,
			wantErr:   []string{"additions.json: members[0]: target ex#Missing not found"},
		},
		{
			name:      "the same member added twice",
			upstream:  model(`"ex#S": {"type": "structure"}`),
			additions: `{"members": [{"shape": "ex#S", "member": "x", "target": "smithy.api#String"}, {"shape": "ex#S", "member": "x", "target": "smithy.api#String"}]}`,
			wantErr:   []string{"additions.json: members[1]: ex#S$x is already added by members[0]"},
		},
		{
			name:      "documentation inside a member's traits",
			upstream:  model(`"ex#S": {"type": "structure"}`),
			additions: `{"members": [{"shape": "ex#S", "member": "x", "target": "smithy.api#String", "traits": {"smithy.api#documentation": "x"}}]}`,
			wantErr:   []string{"additions.json: members[0].traits: put smithy.api#documentation in the \"documentation\" section"},
		},
		{
			name:      "missing target",
			upstream:  model(`"ex#S": {"type": "structure"}`),
			additions: `{"members": [{"shape": "ex#S", "member": "x"}]}`,
			wantErr:   []string{"additions.json: members[0]: \"target\" must be a non-empty string"},
		},
		{
			name:      "misspelt key",
			upstream:  model(`"ex#S": {"type": "structure"}`),
			additions: `{"members": [{"shape": "ex#S", "member": "x", "target": "smithy.api#String", "afterr": "a"}]}`,
			wantErr:   []string{"additions.json: members[0].afterr: unknown key"},
		},
		{
			name:      "documentation for a missing member",
			upstream:  model(`"ex#S": {"type": "structure"}`),
			additions: `{"documentation": {"ex#S$nope": "Ours."}}`,
			wantErr:   []string{`additions.json: documentation["ex#S$nope"]: shape ex#S has no member "nope"`},
		},
		{
			name:      "empty documentation text",
			upstream:  model(`"ex#S": {"type": "structure"}`),
			additions: `{"documentation": {"ex#S": " "}}`,
			wantErr:   []string{`additions.json: documentation["ex#S"]: must be a non-empty string`},
		},
		{
			name:      "duplicate key in the additions",
			upstream:  model(`"ex#S": {"type": "structure"}`),
			additions: `{"documentation": {"ex#S": "One.", "ex#S": "Two."}}`,
			wantErr:   []string{`additions.json: documentation["ex#S"]: duplicate key`},
		},
		{
			name:      "bad JSON in the upstream model",
			upstream:  "{\"smithy\": \"2.0\",\n \"shapes\": {,}}",
			additions: `{}`,
			wantErr:   []string{"upstream.json: invalid JSON at line 2, column 13"},
		},
		{
			name:      "bad JSON in the additions",
			upstream:  model(``),
			additions: `{"members": [}`,
			wantErr:   []string{"additions.json: invalid JSON at line 1, column 14"},
		},
		{
			name:      "not a Smithy 2.0 model",
			upstream:  `{"smithy": "1.0", "shapes": {}}`,
			additions: `{}`,
			wantErr:   []string{`upstream.json: smithy: want version "2.0"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var notes bytes.Buffer
			got, err := refresh("upstream.json", []byte(tt.upstream), "additions.json", []byte(tt.additions), &notes)
			if tt.wantErr != nil {
				if err == nil {
					t.Fatalf("refresh succeeded, want an error containing %q; output:\n%s", tt.wantErr, got)
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not contain %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("refresh: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("output differs\n--- got:\n%s\n--- want:\n%s", got, tt.want)
			}
			if tt.wantNote == "" && notes.Len() > 0 || !strings.Contains(notes.String(), tt.wantNote) {
				t.Errorf("notes = %q, want them to contain %q", notes.String(), tt.wantNote)
			}
			// The output fed back in as upstream, with the same additions,
			// must come out the same: that is the refresh after AWS's model
			// has caught up with all our members.
			again, err := refresh("out.json", got, "additions.json", []byte(tt.additions), &bytes.Buffer{})
			if err != nil {
				t.Fatalf("refresh of the output: %v", err)
			}
			if !bytes.Equal(again, got) {
				t.Errorf("refresh of the output differs from the output:\n%s", again)
			}
		})
	}
}
