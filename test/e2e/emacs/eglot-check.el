;;; eglot-check.el --- Emacs + eglot, a client netpol did not write, against netpol-language-server  -*- lexical-binding: t; -*-
;; Batch mode: loads the README's Emacs snippet (NP_SNIPPET, extracted from README.md by run.js; netpol-language-server
;; is on PATH), visits a policy in yaml-mode so that the snippet's hook starts eglot, then checks what came back through
;; eglot: the diagnostics flymake shows (the expected rule id, NP_CODE, at its line) and a hover (NP_HOVER_ON, expected
;; to match NP_HOVER_EXPECT). Prints one JSON line per step; exits 0 when every step passed.
;; Usage: NP_SNIPPET=... NP_FILE=... NP_CODE=... NP_HOVER_ON=... NP_HOVER_EXPECT=... emacs --batch -l eglot-check.el (batch implies -q: no init file; Debian's site-lisp still loads)
(require 'package)
(package-initialize)                    ; Debian's elpa-eglot lives in /usr/share/emacs/site-lisp/elpa
(require 'eglot)
(require 'json)
;; Debian's emacs-nox has no yaml-mode; a stand-in with its name is what the snippet's hooks and mode list refer to.
(unless (fboundp 'yaml-mode) (define-derived-mode yaml-mode text-mode "YAML"))

(defvar np-failed nil)
(defun np-emit (step ok data)
  (unless ok (setq np-failed t))
  (princ (concat (json-encode `((step . ,step) (ok . ,(if ok t :json-false)) (data . ,data))) "\n")))
(defun np-wait (pred seconds)
  (let ((end (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) end)) (accept-process-output nil 0.05))
    (funcall pred)))
(defun np-env (name) (or (getenv name) (error "%s not set" name)))

(condition-case err
    (let ((file (expand-file-name (np-env "NP_FILE")))
          (code (np-env "NP_CODE")))
      (load (np-env "NP_SNIPPET") nil t)
      (find-file file)
      (yaml-mode)
      ;; eglot-ensure connects from post-command-hook, which batch mode never runs by itself.
      (run-hooks 'post-command-hook)
      (np-wait (lambda () (eglot-current-server)) 15)
      (np-emit "start" (and (eglot-current-server) t)
               (format "eglot %s, Emacs %s, server %s" (package-desc-version (cadr (assq 'eglot package-alist))) emacs-version
                       (and (eglot-current-server) (plist-get (eglot--server-info (eglot-current-server)) :name))))
      (let* ((ours (lambda () (seq-filter (lambda (d) (string-match-p (regexp-quote code) (flymake-diagnostic-text d)))
                                          (flymake-diagnostics))))
             (found (np-wait ours 15)))
        (np-emit "diagnostics" (and found t)
                 (mapcar (lambda (d) (format "%d: %s" (line-number-at-pos (flymake-diagnostic-beg d)) (flymake-diagnostic-text d)))
                         (flymake-diagnostics))))
      (goto-char (point-min))
      (search-forward (np-env "NP_HOVER_ON"))
      (backward-char 2)
      (let* ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover (eglot--TextDocumentPositionParams)))
             (text (or (plist-get (plist-get hover :contents) :value) "")))
        (np-emit "hover" (string-match-p (np-env "NP_HOVER_EXPECT") text) (substring text 0 (min 300 (length text)))))
      (ignore-errors (eglot-shutdown (eglot-current-server))))
  (error (np-emit "error" nil (format "%S" err))))
(kill-emacs (if np-failed 1 0))
