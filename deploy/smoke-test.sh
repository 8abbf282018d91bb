#!/usr/bin/env bash
# Checks a running jtai from outside, as a visitor would, through nginx: one PASS or FAIL
# line per check, and exit status 1 if any failed. Needs bash and curl only, and no account.
#
#   deploy/smoke-test.sh https://jtai.example.gov.uk
#
# SMOKE_UPLOAD_BYTES: size of the request body sent to check that nginx lets uploads through
#   (default 104857600, the service's JTAI_MAX_UPLOAD_BYTES default; 0 skips the check).
# SMOKE_CURL_ARGS: extra curl options, for instance for a test certificate:
#   SMOKE_CURL_ARGS="--cacert /path/to/cert.pem --resolve jtai.example.gov.uk:443:127.0.0.1"
set -uo pipefail

if [[ $# -ne 1 || $1 != https://* ]]; then
    echo "Usage: $0 https://your.address (the public address, as in JTAI_BASE_URL)" >&2
    exit 2
fi
base=${1%/}
host=${base#https://}
host=${host%%/*}
upload_bytes=${SMOKE_UPLOAD_BYTES:-104857600}
read -r -a extra <<<"${SMOKE_CURL_ARGS:-}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

pass() { printf 'PASS  %s\n' "$1"; }
fail() {
    printf 'FAIL  %s: %s\n' "$1" "$2"
    failures=$((failures + 1))
}

# fetch NAME URL [curl options...]: the body goes to $work/NAME.body, the headers (lower
# case) to $work/NAME.headers; prints the status code.
fetch() {
    local name=$1 url=$2
    shift 2
    curl --silent --show-error --max-time 120 "${extra[@]}" "$@" \
        --output "$work/$name.body" --dump-header "$work/$name.raw" \
        --write-out '%{http_code}' "$url" 2>"$work/$name.error"
    tr -d '\r' <"$work/$name.raw" 2>/dev/null | tr '[:upper:]' '[:lower:]' >"$work/$name.headers"
}

# header NAME FIELD: the value of one response header (lower case), empty when absent.
header() {
    sed -n "s/^$2: //p" "$work/$1.headers" | tail -n 1
}

# 1. Plain HTTP is redirected to the same address over HTTPS.
status=$(fetch plain "http://$host/reports/?smoke=1")
location=$(sed -n 's/^location: //Ip' "$work/plain.raw" | tr -d '\r' | tail -n 1)
if [[ $status == 301 && $location == "https://$host/reports/?smoke=1" ]]; then
    pass "http:// redirects to https:// (301, same path)"
else
    fail "http:// redirects to https://" "got $status, Location '$location' $(cat "$work/plain.error")"
fi

# 2. The start page answers over HTTPS, with the security headers.
status=$(fetch home "$base/")
if [[ $status == 200 ]] && grep -q 'govuk-template' "$work/home.body"; then
    pass "start page answers 200 over HTTPS"
else
    fail "start page" "got $status $(cat "$work/home.error")"
fi

hsts=$(header home strict-transport-security)
if [[ $hsts =~ max-age=([0-9]+) ]] && ((BASH_REMATCH[1] >= 31536000)); then
    # Django sends HSTS only on requests it believes were HTTPS: X-Forwarded-Proto arrived.
    pass "HSTS ($hsts), so X-Forwarded-Proto reaches the service"
else
    fail "HSTS of at least a year" "Strict-Transport-Security is '$hsts'"
fi
csp=$(header home content-security-policy)
if [[ $csp == *"default-src 'self'"* && $csp == *"script-src 'self'"* && $csp != *unsafe-inline* ]]; then
    pass "Content-Security-Policy without inline script"
else
    fail "Content-Security-Policy" "'$csp'"
fi
for expected in "x-content-type-options: nosniff" "x-frame-options: deny" \
    "referrer-policy: same-origin" "cross-origin-opener-policy: same-origin"; do
    if grep -qx "$expected" "$work/home.headers"; then
        pass "header $expected"
    else
        fail "header $expected" "missing or different"
    fi
done
server=$(header home server)
if [[ $server != *[0-9]* ]]; then
    pass "Server header names no version ('$server')"
else
    fail "Server header names no version" "'$server' (server_tokens off)"
fi
request_id=$(header home x-request-id)
if [[ $request_id =~ ^[0-9a-f]{32}$ ]]; then
    # nginx's $request_id, 32 hex digits, echoed by the service: the id it logged with.
    pass "X-Request-ID from nginx reaches the service and comes back ($request_id)"
else
    fail "X-Request-ID from nginx" "got '$request_id' (proxy_set_header X-Request-ID \$request_id)"
fi

# 3. Static files come from nginx, cached for a year.
asset=$(grep -o 'href="/static/[^"]*\.css"' "$work/home.body" | head -n 1 | cut -d'"' -f2)
if [[ -z $asset ]]; then
    fail "static files" "the start page links to no /static/ stylesheet"
else
    status=$(fetch static "$base$asset")
    cache=$(header static cache-control)
    if [[ $status == 200 && $cache == *max-age=31536000* && $cache == *immutable* ]]; then
        pass "static file $asset: 200, Cache-Control '$cache'"
    else
        fail "static file $asset" "got $status, Cache-Control '$cache' $(cat "$work/static.error")"
    fi
    font=$(grep -o 'url(/assets/[^)]*\.woff2)' "$work/static.body" | head -n 1 | sed 's/^url(//; s/)$//')
    if [[ -n $font ]]; then
        status=$(fetch font "$base$font")
        cache=$(header font cache-control)
        if [[ $status == 200 && $cache == *max-age=* ]]; then
            pass "GOV.UK Frontend asset $font: 200, Cache-Control '$cache'"
        else
            fail "GOV.UK Frontend asset $font" "got $status, Cache-Control '$cache'"
        fi
    fi
fi

# 4. The sign-in page, with secure cookies.
status=$(fetch sign_in "$base/account/sign-in/")
cookie=$(grep '^set-cookie: csrftoken=' "$work/sign_in.headers")
if [[ $status == 200 ]] && grep -q 'name="password"' "$work/sign_in.body"; then
    pass "sign-in page answers 200 with its form"
else
    fail "sign-in page" "got $status $(cat "$work/sign_in.error")"
fi
if [[ $cookie == *"; secure"* && $cookie == *"; httponly"* ]]; then
    pass "sign-in cookie is Secure and HttpOnly"
else
    fail "sign-in cookie is Secure and HttpOnly" "'${cookie:-no csrftoken cookie}'"
fi

# 5. The probes, through nginx.
for probe in healthz readyz; do
    status=$(fetch "$probe" "$base/$probe")
    if [[ $status == 200 ]] && grep -q '"status": "ok"' "$work/$probe.body"; then
        pass "/$probe answers 200 {\"status\": \"ok\"}"
    else
        fail "/$probe" "got $status $(cat "$work/$probe.body" "$work/$probe.error" 2>/dev/null)"
    fi
done

# 6. nginx accepts a request body as large as the largest document and hands it to the
# service (which refuses it, as a POST without a CSRF token, with 403): not 413 from nginx,
# nor a timeout. (--upload-file streams the file; the URL must not end in / or curl
# appends the file's name.)
if ((upload_bytes > 0)); then
    truncate -s "$upload_bytes" "$work/upload.bin"
    status=$(fetch upload "$base/healthz" --request POST \
        --header 'Content-Type: application/octet-stream' --upload-file "$work/upload.bin")
    if [[ $status == 403 && -n $(header upload x-request-id) ]]; then
        pass "a $upload_bytes-byte request body passes nginx and reaches the service"
    else
        fail "a $upload_bytes-byte request body passes nginx" \
            "got $status (413: raise client_max_body_size) $(cat "$work/upload.error")"
    fi
fi

if ((failures > 0)); then
    echo "$failures check(s) failed."
    exit 1
fi
echo "All checks passed."
