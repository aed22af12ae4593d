# Sourced by bin/scriptgram and .ci/run. scriptgram_find_jdk prints the home of a JDK >= 21:
# SCRIPTGRAM_JAVA_HOME if set; otherwise, looking at JAVA_HOME, then `java` on PATH, then the usual
# install folders, the first JDK 25 found, else the first JDK >= 21. Fails with a clear message.

scriptgram_jdk_major() { # JDK home -> major version, or nothing
    local home=$1 v
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || return 1
    if [[ -f "$home/release" ]]; then
        v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
    fi
    if [[ -z ${v:-} ]]; then
        v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/.*java.specification.version = //p')
    fi
    v=${v#1.}
    v=${v%%[.+-]*}
    [[ $v =~ ^[0-9]+$ ]] && echo "$v"
}

scriptgram_find_jdk() {
    if [[ -n ${SCRIPTGRAM_JAVA_HOME:-} ]]; then
        local m
        m=$(scriptgram_jdk_major "$SCRIPTGRAM_JAVA_HOME") || m=0
        if (( m >= 21 )); then echo "$SCRIPTGRAM_JAVA_HOME"; return 0; fi
        echo "scriptgram: SCRIPTGRAM_JAVA_HOME=$SCRIPTGRAM_JAVA_HOME is not a JDK 21 or newer" >&2
        return 1
    fi
    local candidates=() c
    [[ -n ${JAVA_HOME:-} ]] && candidates+=("$JAVA_HOME")
    if c=$(command -v java 2>/dev/null); then
        c=$(readlink -f "$c")
        candidates+=("$(dirname "$(dirname "$c")")")
    fi
    for c in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*jdk* "$HOME"/.sdkman/candidates/java/* \
             "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [[ -d $c ]] && candidates+=("$c")
    done
    local first21="" major seen=""
    for c in "${candidates[@]}"; do
        c=$(readlink -f "$c")
        [[ " $seen " == *" $c "* ]] && continue
        seen+=" $c"
        major=$(scriptgram_jdk_major "$c") || continue
        if (( major == 25 )); then echo "$c"; return 0; fi
        if (( major >= 21 )) && [[ -z $first21 ]]; then first21=$c; fi
    done
    if [[ -n $first21 ]]; then echo "$first21"; return 0; fi
    echo "scriptgram: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm, /opt, ~/.sdkman)." >&2
    echo "scriptgram: install one (e.g. apt-get install openjdk-21-jdk, or Temurin 25) or set SCRIPTGRAM_JAVA_HOME." >&2
    return 1
}
