package dev.abacus.charts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of PromQL to list what an expression reads: its series selectors (metric name and label matchers) and
 * the labels it groups or matches by. It checks that brackets balance, that matchers are well formed and that every
 * function is a PromQL function, and fails otherwise; it is no parser (promtool is), so precedence and types go
 * unchecked.
 */
final class PromQl {

    /** One series selector: a metric name and its label matchers. */
    record Selector(String metric, List<LabelMatcher> matchers) {
    }

    /** {@code label operator "value"}, e.g. {@code status=~"5.."}. */
    record LabelMatcher(String label, String operator, String value) {
    }

    record Reads(List<Selector> selectors, Set<String> groupingLabels) {
    }

    private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "atan2");
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "count", "group", "stddev",
            "stdvar", "topk", "bottomk", "quantile", "count_values");
    private static final Set<String> FUNCTIONS = Set.of("rate", "irate", "increase", "delta", "idelta",
            "deriv", "predict_linear", "resets", "changes", "histogram_quantile", "abs", "absent", "absent_over_time",
            "ceil", "floor", "round", "clamp", "clamp_min", "clamp_max", "exp", "ln", "log2", "log10", "sqrt", "sgn",
            "label_replace", "label_join", "sort", "sort_desc", "scalar", "vector", "time", "timestamp",
            "sum_over_time", "avg_over_time", "min_over_time", "max_over_time", "count_over_time", "last_over_time",
            "present_over_time", "quantile_over_time", "stddev_over_time", "stdvar_over_time");
    private static final Set<String> MATCH_OPERATORS = Set.of("=", "!=", "=~", "!~");
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(?<string>\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`)"
                    + "|(?<range>\\[[^\\[\\]]*])"
                    + "|(?<number>[0-9][0-9a-zA-Z.]*|\\.[0-9]+)"
                    + "|(?<variable>\\$[a-zA-Z_][a-zA-Z0-9_]*)"
                    + "|(?<ident>[a-zA-Z_:][a-zA-Z0-9_:]*)"
                    + "|(?<operator>=~|!~|!=|==|>=|<=|[-+*/%^=<>@])"
                    + "|(?<punct>[(){},]))");
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.+),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)$");

    private PromQl() {
    }

    private record Token(String kind, String text) {
    }

    static Reads reads(String expression) {
        List<Token> tokens = tokenize(expression);
        List<Selector> selectors = new ArrayList<>();
        Set<String> grouping = new LinkedHashSet<>();
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : new Token("end", "");
            switch (token.kind()) {
                case "ident" -> {
                    if (GROUPING.contains(token.text())) {
                        if (next.text().equals("(")) {
                            i = labelList(tokens, i + 2, grouping, expression);
                        }
                    } else if (KEYWORDS.contains(token.text())) {
                        continue;
                    } else if (AGGREGATIONS.contains(token.text())
                            && (next.text().equals("(") || GROUPING.contains(next.text()))) {
                        continue;
                    } else if (next.text().equals("(")) {
                        if (!FUNCTIONS.contains(token.text())) {
                            throw new IllegalArgumentException("unknown function " + token.text() + " in " + expression);
                        }
                    } else {
                        List<LabelMatcher> matchers = new ArrayList<>();
                        if (next.text().equals("{")) {
                            i = matchers(tokens, i + 2, matchers, expression);
                        }
                        selectors.add(new Selector(token.text(), matchers));
                    }
                }
                case "punct" -> {
                    if (token.text().equals("(")) {
                        depth++;
                    } else if (token.text().equals(")") && --depth < 0) {
                        throw new IllegalArgumentException("unbalanced ) in " + expression);
                    } else if (token.text().equals("{") || token.text().equals("}")) {
                        throw new IllegalArgumentException("selector without a metric name in " + expression);
                    }
                }
                default -> {
                }
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced ( in " + expression);
        }
        return new Reads(selectors, grouping);
    }

    /** A Grafana variable query: {@code label_values(selector, label)} or plain PromQL. */
    static Reads variableQuery(String query) {
        Matcher labelValues = LABEL_VALUES.matcher(query.strip());
        if (!labelValues.matches()) {
            return reads(query);
        }
        Reads reads = reads(labelValues.group(1));
        Set<String> grouping = new LinkedHashSet<>(reads.groupingLabels());
        grouping.add(labelValues.group(2));
        return new Reads(reads.selectors(), grouping);
    }

    private static int labelList(List<Token> tokens, int from, Set<String> labels, String expression) {
        for (int i = from; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.text().equals(")")) {
                return i;
            }
            if (token.kind().equals("ident")) {
                labels.add(token.text());
            } else if (!token.text().equals(",")) {
                throw new IllegalArgumentException("bad label list at " + token.text() + " in " + expression);
            }
        }
        throw new IllegalArgumentException("unclosed label list in " + expression);
    }

    private static int matchers(List<Token> tokens, int from, List<LabelMatcher> matchers, String expression) {
        int i = from;
        while (i < tokens.size()) {
            if (tokens.get(i).text().equals("}")) {
                return i;
            }
            if (i + 2 >= tokens.size() || !tokens.get(i).kind().equals("ident")
                    || !MATCH_OPERATORS.contains(tokens.get(i + 1).text()) || !tokens.get(i + 2).kind().equals("string")) {
                throw new IllegalArgumentException("bad label matcher at " + tokens.get(i).text() + " in " + expression);
            }
            String quoted = tokens.get(i + 2).text();
            matchers.add(new LabelMatcher(tokens.get(i).text(), tokens.get(i + 1).text(),
                    quoted.substring(1, quoted.length() - 1)));
            i += 3;
            if (i < tokens.size() && tokens.get(i).text().equals(",")) {
                i++;
            }
        }
        throw new IllegalArgumentException("unclosed selector in " + expression);
    }

    private static List<Token> tokenize(String expression) {
        List<Token> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(expression);
        int at = 0;
        while (at < expression.length()) {
            if (expression.substring(at).isBlank()) {
                break;
            }
            if (!matcher.find(at) || matcher.start() != at) {
                throw new IllegalArgumentException("cannot read " + expression.substring(at) + " in " + expression);
            }
            for (String kind : List.of("string", "range", "number", "variable", "ident", "operator", "punct")) {
                if (matcher.group(kind) != null) {
                    tokens.add(new Token(kind, matcher.group(kind)));
                }
            }
            at = matcher.end();
        }
        return tokens;
    }
}
