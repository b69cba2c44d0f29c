//! The whole JS surface; the TypeScript declarations of its data types are in
//! `ts_types`. Each export is four steps: JS value in (`from_value`), core
//! call, JS value out (`to_value`), typed wrapper. Bad manifests come back as
//! findings; only bad arguments throw an `Error`.

use crate::model::{ExecutionPlan, InputContent, InputFile, PlanOptions};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

mod alloc;
mod split;
mod ts_types;

#[global_allocator]
static ALLOC: alloc::SizeClasses = alloc::SizeClasses::new();

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "ExecutionPlan")]
    pub type JsExecutionPlan;
    #[wasm_bindgen(typescript_type = "JobValidation")]
    pub type JsJobValidation;
    #[wasm_bindgen(typescript_type = "JobPresentation")]
    pub type JsJobPresentation;
    #[wasm_bindgen(typescript_type = "PlanPresentation")]
    pub type JsPlanPresentation;
    #[wasm_bindgen(typescript_type = "Limits")]
    pub type JsLimits;
    #[wasm_bindgen(typescript_type = "string[]")]
    pub type JsStrings;
    #[wasm_bindgen(typescript_type = "PolicyResult")]
    pub type JsPolicyResult;
    #[wasm_bindgen(typescript_type = "Policy | string")]
    pub type JsPolicyConfig;
    #[wasm_bindgen(typescript_type = "PlanOptions")]
    pub type JsPlanOptions;
    #[wasm_bindgen(typescript_type = "Array<InputFileText>")]
    pub type JsInputFiles;
    #[wasm_bindgen(typescript_type = "Array<InputFileBytes>")]
    pub type JsInputBytes;
    #[wasm_bindgen(typescript_type = "string")]
    pub type JsYamlText;
    // Strings that arrive as JsValue: wasm-bindgen does not check the type of
    // a `String` argument, and a number there reads wasm memory at random.
    #[wasm_bindgen(typescript_type = "string")]
    pub type JsFilename;
    #[wasm_bindgen(typescript_type = "string[]")]
    pub type JsArgs;
    #[wasm_bindgen(typescript_type = "\"text\" | \"json\" | \"sarif\" | \"junit\" | \"github\"")]
    pub type JsFormat;
}

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

fn into_error(msg: impl std::fmt::Display) -> JsValue {
    js_sys_error(&msg.to_string())
}

fn js_sys_error(msg: &str) -> JsValue {
    // A real `Error` so callers get a stack and `instanceof Error`.
    JsValue::from(JsError::new(msg))
}

/// Through JSON text rather than serde-wasm-bindgen's serializer: the result
/// is then exactly what `JSON.parse` gives for the native `--format json`
/// (plain objects, never `Map`), and a manifest number beyond 2^53 becomes an
/// imprecise number as in any JSON reader instead of a thrown error.
fn to_value<T: serde::Serialize>(v: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(v).map_err(into_error)?;
    js_sys::JSON::parse(&text)
}

/// Reads a plan object back, through JSON text for the same reason as
/// `to_value` (and because `jobData` is kept as JSON text in the core).
fn plan_from_js(plan: JsExecutionPlan, func: &str) -> Result<ExecutionPlan, JsValue> {
    let bad = |e: String| {
        into_error(format!(
            "{func}: plan must be an ExecutionPlan returned by planFiles: {e}"
        ))
    };
    let text = js_sys::JSON::stringify(&plan.into())
        .map_err(|_| bad("it cannot be converted to JSON".into()))?
        .as_string()
        .ok_or_else(|| bad("it is not an object".into()))?;
    serde_json::from_str(&text).map_err(|e| bad(e.to_string()))
}

fn parse_options(v: Option<JsPlanOptions>) -> Result<PlanOptions, JsValue> {
    let Some(v) = v.map(JsValue::from) else {
        return Ok(PlanOptions::default());
    };
    if v.is_undefined() || v.is_null() {
        return Ok(PlanOptions::default());
    }
    if !v.is_object() {
        return Err(js_sys_error(
            "options must be an object like { strict: true }",
        ));
    }
    serde_wasm_bindgen::from_value(v).map_err(|e| into_error(format!("invalid options: {e}")))
}

#[derive(Deserialize)]
struct TextFile {
    name: String,
    content: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ByteFile {
    name: String,
    /// The file's bytes; absent when the caller did not read the file.
    #[serde(default, with = "serde_bytes_compat")]
    bytes: Option<Vec<u8>>,
    /// The caller did not read the file: it has this many bytes.
    #[serde(default)]
    too_large: Option<f64>,
    /// The caller could not read the file, for this reason.
    #[serde(default)]
    unreadable: Option<String>,
}

/// Accepts a `Uint8Array` (serde-wasm-bindgen gives byte buffers as bytes).
mod serde_bytes_compat {
    use serde::Deserializer;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        deserialize_vec(d).map(Some)
    }

    fn deserialize_vec<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a Uint8Array")
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
            fn visit_byte_buf<E>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Vec<u8>, A::Error> {
                let mut out = Vec::new();
                while let Some(b) = seq.next_element::<u8>()? {
                    out.push(b);
                }
                Ok(out)
            }
        }
        d.deserialize_byte_buf(V)
    }
}

/// Validates the first Job document of `yaml`.
#[wasm_bindgen(js_name = validateJobYaml)]
pub fn validate_job_yaml(
    yaml: JsYamlText,
    filename: Option<JsFilename>,
    options: Option<JsPlanOptions>,
) -> Result<JsJobValidation, JsValue> {
    let Some(text) = JsValue::from(yaml).as_string() else {
        return Err(js_sys_error("validateJobYaml: yaml must be a string"));
    };
    let filename = match filename.map(JsValue::from) {
        None => None,
        Some(v) if v.is_undefined() || v.is_null() => None,
        Some(v) => match v.as_string() {
            Some(s) => Some(s),
            None => return Err(js_sys_error("validateJobYaml: filename must be a string")),
        },
    };
    let opts = parse_options(options)?;
    let v = crate::validate_job_yaml(&text, filename.as_deref().unwrap_or(""), &opts)
        .map_err(into_error)?;
    Ok(to_value(&v)?.unchecked_into())
}

/// Reads the `files` argument of `planFiles` / `planFileBytes`.
fn decode_files<T: serde::de::DeserializeOwned>(
    files: JsValue,
    func: &str,
    shape: &str,
) -> Result<Vec<T>, JsValue> {
    if !js_is_array(&files) {
        return Err(js_sys_error(&format!(
            "{func}: files must be an array of {shape}"
        )));
    }
    serde_wasm_bindgen::from_value(files)
        .map_err(|e| into_error(format!("{func}: each file must be {shape}: {e}")))
}

fn plan_to_js(
    inputs: &[InputFile],
    options: Option<JsPlanOptions>,
) -> Result<JsExecutionPlan, JsValue> {
    let options: Option<JsValue> = options.map(Into::into);
    let policy = match &options {
        Some(o) if o.is_object() => parse_config(&get(o, "config"))?,
        _ => None,
    };
    let opts = parse_options(options.map(JsCast::unchecked_into))?;
    let plan = crate::plan_files_with_policy(inputs, &opts, policy.as_ref()).map_err(into_error)?;
    Ok(to_value(&plan)?.unchecked_into())
}

/// `options.config`: a policy object (read as its JSON text) or YAML text.
fn parse_config(v: &JsValue) -> Result<Option<crate::policy::Policy>, JsValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    let (text, name) = match v.as_string() {
        Some(t) => (t, "k8s-job-plan.yaml"),
        None if v.is_object() => {
            let t = js_sys::JSON::stringify(v)
                .ok()
                .and_then(|s| s.as_string())
                .ok_or_else(|| js_sys_error("config: cannot be converted to JSON"))?;
            (t, "config")
        }
        None => return Err(js_sys_error("config must be a policy object or YAML text")),
    };
    crate::policy::parse(&text)
        .map(Some)
        .map_err(|e| into_error(format!("invalid config: {}", e.describe(name))))
}

/// Parses a policy file's text: the policy, or its first problem and where.
#[wasm_bindgen(js_name = parsePolicy)]
pub fn parse_policy(text: JsYamlText) -> Result<JsPolicyResult, JsValue> {
    let Some(text) = JsValue::from(text).as_string() else {
        return Err(js_sys_error("parsePolicy: text must be a string"));
    };
    let v = match crate::policy::parse(&text) {
        Ok(p) => serde_json::json!({ "ok": true, "policy": p }),
        Err(e) => {
            serde_json::json!({ "ok": false, "line": e.line, "column": e.column, "message": e.message })
        }
    };
    Ok(to_value(&v)?.unchecked_into())
}

/// The policy as a file with every key commented (what `init` writes);
/// the built-in defaults without an argument.
#[wasm_bindgen(js_name = policyText)]
pub fn policy_text(config: Option<JsPolicyConfig>) -> Result<String, JsValue> {
    let policy = match config.map(JsValue::from) {
        Some(v) => parse_config(&v)?,
        None => None,
    };
    Ok(crate::policy::commented_yaml(
        &policy.unwrap_or_default(),
        None,
    ))
}

/// Plans a set of text files.
#[wasm_bindgen(js_name = planFiles)]
pub fn plan_files(
    files: JsInputFiles,
    options: Option<JsPlanOptions>,
) -> Result<JsExecutionPlan, JsValue> {
    let files: Vec<TextFile> = decode_files(
        files.into(),
        "planFiles",
        "{ name: string, content: string }",
    )?;
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|f| InputFile::text(&f.name, &f.content))
        .collect();
    plan_to_js(&inputs, options)
}

/// Plans a set of files given as bytes; the core decides what is text (the
/// page uses this so that binary and UTF-16 files get a precise finding).
/// Files the caller did not read come as `{ name, tooLarge }` or
/// `{ name, unreadable }` and get the core's findings for them.
#[wasm_bindgen(js_name = planFileBytes)]
pub fn plan_file_bytes(
    files: JsInputBytes,
    options: Option<JsPlanOptions>,
) -> Result<JsExecutionPlan, JsValue> {
    let files: Vec<ByteFile> = decode_files(
        files.into(),
        "planFileBytes",
        "{ name: string, bytes: Uint8Array }, { name, tooLarge: number } or { name, unreadable: string }",
    )?;
    let inputs: Vec<InputFile> = files
        .iter()
        .map(|f| InputFile {
            name: &f.name,
            content: match (&f.bytes, f.too_large, &f.unreadable) {
                (Some(b), _, _) => InputContent::Bytes(b),
                (None, Some(n), _) => InputContent::TooLarge(n as u64),
                (None, None, Some(reason)) => InputContent::Unreadable(reason),
                (None, None, None) => InputContent::Bytes(&[]),
            },
        })
        .collect();
    plan_to_js(&inputs, options)
}

/// Renders the text plan, byte-identical to the native CLI's.
#[wasm_bindgen(js_name = renderPlanText)]
pub fn render_plan_text(plan: JsExecutionPlan) -> Result<String, JsValue> {
    let plan = plan_from_js(plan, "renderPlanText")?;
    Ok(crate::render_plan_text(&plan))
}

/// Renders the plan in a named format (`text`, `json`, `sarif`, `junit`,
/// `github`), as the CLI's `--format`.
#[wasm_bindgen(js_name = renderPlan)]
pub fn render_plan(plan: JsExecutionPlan, format: JsFormat) -> Result<String, JsValue> {
    let Some(format) = JsValue::from(format).as_string() else {
        return Err(js_sys_error(
            "renderPlan: format must be a string such as \"text\"",
        ));
    };
    let format: crate::Format = format
        .parse()
        .map_err(|e| into_error(format!("renderPlan: {e}")))?;
    let plan = plan_from_js(plan, "renderPlan")?;
    Ok(format.render(&plan))
}

/// Presents a Job as the text plan shows it (see `render::present`).
#[wasm_bindgen(js_name = presentJob)]
pub fn present_job(job: JsJobValidation) -> Result<JsJobPresentation, JsValue> {
    let bad = |e: String| {
        into_error(format!(
            "presentJob: job must be a JobValidation returned by planFiles: {e}"
        ))
    };
    let text = js_sys::JSON::stringify(&job.into())
        .map_err(|_| bad("it cannot be converted to JSON".into()))?
        .as_string()
        .ok_or_else(|| bad("it is not an object".into()))?;
    let job: crate::JobValidation = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
    Ok(to_value(&crate::render::present::job(&job, None))?.unchecked_into())
}

/// Presents a whole plan: its text, every Job, every finding in list order.
/// One conversion of the plan for all three (the page's worker uses it).
#[wasm_bindgen(js_name = presentPlan)]
pub fn present_plan(plan: JsExecutionPlan) -> Result<JsPlanPresentation, JsValue> {
    let plan = plan_from_js(plan, "presentPlan")?;
    Ok(to_value(&crate::render::present::plan(&plan))?.unchecked_into())
}

/// The Kubernetes versions whose rules the core knows, newest first.
#[wasm_bindgen(js_name = kubernetesVersions)]
pub fn kubernetes_versions() -> JsStrings {
    let mut all: Vec<crate::version::KubeVersion> = crate::version::KubeVersion::all().collect();
    all.reverse();
    let all: js_sys::Array = all.iter().map(|v| JsValue::from(v.to_string())).collect();
    JsValue::from(all).unchecked_into()
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Limits {
    max_file_bytes: usize,
    max_documents: usize,
    max_depth: usize,
    max_findings_per_document: usize,
    max_findings_per_file: usize,
}

/// The core's limits on its input, so that callers need no copy of them.
#[wasm_bindgen]
pub fn limits() -> Result<JsLimits, JsValue> {
    let l = Limits {
        max_file_bytes: crate::limits::MAX_FILE_BYTES,
        max_documents: crate::limits::MAX_DOCUMENTS,
        max_depth: crate::limits::MAX_DEPTH,
        max_findings_per_document: crate::limits::MAX_FINDINGS_PER_DOCUMENT,
        max_findings_per_file: crate::limits::MAX_FINDINGS_PER_FILE,
    };
    Ok(to_value(&l)?.unchecked_into())
}

/// The package version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn js_is_array(v: &JsValue) -> bool {
    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = Array, js_name = isArray)]
        fn is_array(v: &JsValue) -> bool;
    }
    is_array(v)
}

#[wasm_bindgen(typescript_custom_section)]
const TS_CLI_HOST: &'static str = r#"
/**
 * Why a path could not be used. `code` is a Node error code such as "ENOENT";
 * ENOENT, EACCES, EPERM and EISDIR are worded by the CLI itself, any other
 * error prints `error` as it is, so a host that wants the native CLI's bytes
 * gives Rust's wording there ("Not a directory (os error 20)").
 */
export interface CliIoError { error: string; code?: string }

/**
 * File access for `runCli`. The npm package's bin implements it with node:fs;
 * the CLI logic itself (flags, directory walk, output, exit codes) is the
 * native CLI's, compiled to wasm.
 */
export interface CliHost {
  /** Follows symlinks. */
  stat(path: string): { kind: "file" | "dir" | "other" } | CliIoError;
  readDir(path: string): string[] | CliIoError;
  /** At most maxBytes + 1 bytes; a larger file may answer { tooLarge: size }. */
  readFile(path: string, maxBytes: number): Uint8Array | { tooLarge: number } | CliIoError;
  readStdin(maxBytes: number): Uint8Array | { tooLarge: number } | CliIoError;
  canonicalize(path: string): string | null;
  /** Writes through a temporary file in the same directory and a rename; null on success. */
  writeFileAtomic(path: string, text: string): CliIoError | null;
  /**
   * Appends to a file, creating it when missing; null on success. Used for
   * the step summary of `--format github`; a host without it cannot write one.
   */
  appendFile?(path: string, text: string): CliIoError | null;
  /** An environment variable (GITHUB_STEP_SUMMARY); a host without it has none. */
  env?(name: string): string | undefined;
  stdout(text: string): void;
  stderr(text: string): void;
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "CliHost")]
    pub type JsCliHost;
    #[wasm_bindgen(method, structural)]
    fn stat(this: &JsCliHost, path: &str) -> JsValue;
    #[wasm_bindgen(method, structural, js_name = readDir)]
    fn read_dir(this: &JsCliHost, path: &str) -> JsValue;
    #[wasm_bindgen(method, structural, js_name = readFile)]
    fn read_file(this: &JsCliHost, path: &str, max: f64) -> JsValue;
    #[wasm_bindgen(method, structural, js_name = readStdin)]
    fn read_stdin(this: &JsCliHost, max: f64) -> JsValue;
    #[wasm_bindgen(method, structural)]
    fn canonicalize(this: &JsCliHost, path: &str) -> Option<String>;
    #[wasm_bindgen(method, structural, js_name = writeFileAtomic)]
    fn write_file_atomic(this: &JsCliHost, path: &str, text: &str) -> JsValue;
    #[wasm_bindgen(method, structural)]
    fn stdout(this: &JsCliHost, text: &str);
    #[wasm_bindgen(method, structural)]
    fn stderr(this: &JsCliHost, text: &str);
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn io_problem(v: &JsValue) -> crate::cli::IoProblem {
    use crate::cli::IoProblem;
    match get(v, "code").as_string().as_deref() {
        // The same mapping as Rust's io::ErrorKind, so both CLIs word a
        // problem alike (ENOTDIR is not NotFound there).
        Some("ENOENT") => IoProblem::NotFound,
        Some("EACCES") | Some("EPERM") => IoProblem::PermissionDenied,
        Some("EISDIR") => IoProblem::IsADirectory,
        _ => IoProblem::Other(
            get(v, "error")
                .as_string()
                .unwrap_or_else(|| "unknown error".into()),
        ),
    }
}

/// A method the host may leave out.
fn optional_method(host: &JsCliHost, name: &str) -> Option<js_sys::Function> {
    get(host, name).dyn_into::<js_sys::Function>().ok()
}

fn file_read(v: JsValue) -> crate::cli::FileRead {
    use crate::cli::FileRead;
    if let Some(bytes) = v.dyn_ref::<js_sys::Uint8Array>() {
        return FileRead::Bytes(bytes.to_vec());
    }
    if let Some(n) = get(&v, "tooLarge").as_f64() {
        return FileRead::TooLarge(n as u64);
    }
    FileRead::Problem(io_problem(&v))
}

impl crate::cli::Host for JsCliHost {
    fn stat(&mut self, path: &str) -> crate::cli::Stat {
        use crate::cli::Stat;
        let v = JsCliHost::stat(self, path);
        match get(&v, "kind").as_string().as_deref() {
            Some("file") => Stat::File,
            Some("dir") => Stat::Dir,
            Some(_) => Stat::Other,
            None => Stat::Problem(io_problem(&v)),
        }
    }

    fn read_dir(&mut self, path: &str) -> Result<Vec<String>, crate::cli::IoProblem> {
        let v = JsCliHost::read_dir(self, path);
        if js_sys::Array::is_array(&v) {
            let arr: js_sys::Array = v.unchecked_into();
            return Ok(arr.iter().filter_map(|x| x.as_string()).collect());
        }
        Err(io_problem(&v))
    }

    fn read_file(&mut self, path: &str, max: u64) -> crate::cli::FileRead {
        file_read(JsCliHost::read_file(self, path, max as f64))
    }

    fn read_stdin(&mut self, max: u64) -> crate::cli::FileRead {
        file_read(JsCliHost::read_stdin(self, max as f64))
    }

    fn canonicalize(&mut self, path: &str) -> Option<String> {
        JsCliHost::canonicalize(self, path)
    }

    fn write_atomic(&mut self, path: &str, text: &str) -> Result<(), String> {
        let v = JsCliHost::write_file_atomic(self, path, text);
        if v.is_null() || v.is_undefined() {
            return Ok(());
        }
        Err(io_problem(&v).message())
    }

    fn append_file(&mut self, path: &str, text: &str) -> Result<(), String> {
        let Some(f) = optional_method(self, "appendFile") else {
            return Err("this host cannot append to files".into());
        };
        let v = f
            .call2(self, &JsValue::from_str(path), &JsValue::from_str(text))
            .map_err(|e| {
                e.dyn_ref::<js_sys::Error>()
                    .map_or_else(|| "appendFile threw".into(), |e| String::from(e.message()))
            })?;
        if v.is_null() || v.is_undefined() {
            return Ok(());
        }
        Err(io_problem(&v).message())
    }

    fn env(&mut self, name: &str) -> Option<String> {
        optional_method(self, "env")?
            .call1(self, &JsValue::from_str(name))
            .ok()?
            .as_string()
    }

    fn stdout(&mut self, text: &str) {
        JsCliHost::stdout(self, text)
    }

    fn stderr(&mut self, text: &str) {
        JsCliHost::stderr(self, text)
    }
}

/// Runs the native CLI's logic with `host` for file access; returns the exit code.
#[wasm_bindgen(js_name = runCli)]
pub fn run_cli(args: JsArgs, mut host: JsCliHost) -> Result<i32, JsValue> {
    let args: JsValue = args.into();
    let args: Option<Vec<String>> = if js_is_array(&args) {
        js_sys::Array::from(&args)
            .iter()
            .map(|a| a.as_string())
            .collect()
    } else {
        None
    };
    let Some(args) = args else {
        return Err(js_sys_error("runCli: args must be an array of strings"));
    };
    if !JsValue::from(&host).is_object() {
        return Err(js_sys_error("runCli: host must be a CliHost object"));
    }
    Ok(crate::cli::run(&args, &mut host))
}
