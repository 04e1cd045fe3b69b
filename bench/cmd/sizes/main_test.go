package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestCompiledPackage(t *testing.T) {
	rsp := filepath.Join(t.TempDir(), "args")
	if err := os.WriteFile(rsp, []byte("-o\n/tmp/x.a\n-p\nexample.com/fromfile\n-complete\na.go\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"/go/pkg/tool/linux_amd64/compile", "-o", "x.a", "-trimpath", "$WORK", "-p", "example.com/a/b", "-lang=go1.26", "a.go"}, "example.com/a/b"},
		{[]string{"/go/pkg/tool/windows_amd64/compile.exe", "-p", "example.com/win", "a.go"}, "example.com/win"},
		{[]string{"/go/pkg/tool/linux_amd64/compile", "@" + rsp}, "example.com/fromfile"},
		{[]string{"/go/pkg/tool/linux_amd64/compile", "-V=full"}, ""},
		{[]string{"/go/pkg/tool/linux_amd64/asm", "-p", "example.com/a", "x.s"}, ""},
		{[]string{"/go/pkg/tool/linux_amd64/link", "-o", "a.out", "main.a"}, ""},
	} {
		if got := compiledPackage(c.args); got != c.want {
			t.Errorf("compiledPackage(%q) = %q, want %q", c.args, got, c.want)
		}
	}
}

// TestToolexec runs a stand-in "compile" (a shell script) through toolexec:
// the run is logged with its package and times, its exit code is passed on,
// and a run that is not a compilation is not logged.
func TestToolexec(t *testing.T) {
	dir := t.TempDir()
	tool := filepath.Join(dir, "compile")
	if err := os.WriteFile(tool, []byte("#!/bin/sh\nfor a in \"$@\"; do [ \"$a\" = fail ] && exit 3; done\nexit 0\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	logPath := filepath.Join(dir, "log")
	if code := toolexec(logPath, []string{tool, "-p", "example.com/ok", "a.go"}); code != 0 {
		t.Fatalf("exit code %d, want 0", code)
	}
	if code := toolexec(logPath, []string{tool, "-p", "example.com/bad", "fail"}); code != 3 {
		t.Fatalf("exit code %d, want 3", code)
	}
	if code := toolexec(logPath, []string{tool, "-V=full"}); code != 0 {
		t.Fatalf("exit code %d, want 0", code)
	}
	data, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("log has %d lines, want 2 (the -V=full run is not a compilation):\n%s", len(lines), data)
	}
	for i, pkg := range []string{"example.com/ok", "example.com/bad"} {
		f := strings.Split(lines[i], "\t")
		if len(f) != 3 || f[0] != pkg {
			t.Fatalf("log line %q, want %s<TAB>CPU<TAB>wall", lines[i], pkg)
		}
		for _, n := range f[1:] {
			if v, err := strconv.ParseInt(n, 10, 64); err != nil || v < 0 {
				t.Errorf("log line %q: %q is not a duration in ns", lines[i], n)
			}
		}
		if wall, _ := strconv.ParseInt(f[2], 10, 64); wall == 0 {
			t.Errorf("log line %q: zero wall time", lines[i])
		}
	}
}

func TestBenchLines(t *testing.T) {
	var b benchLines
	b.add("Compile", "smithygo", "awssdk", "2000000000 cpu-ns/op 1500000000 wall-ns/op")
	b.add("BinaryGrowth", "smithygoimport", "smithygo", "397312 growth-B")
	want := "BenchmarkCompile/runtime=copy/impl=awssdk 1 2000000000 cpu-ns/op 1500000000 wall-ns/op\n" +
		"BenchmarkBinaryGrowth/runtime=import/impl=smithygo 1 397312 growth-B\n"
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
