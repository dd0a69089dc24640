package dev.holdfast.config.grammar;

import dev.holdfast.config.diag.Diagnostic.Kind;
import dev.holdfast.config.diag.Diagnostics;
import dev.holdfast.config.syntax.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.function.Function;

/** The keywords of one block and how each is read; dispatches a block's statements to them. */
public final class BlockGrammar<B> {
    private final String block;
    private final Map<String, Keyword<B>> keywords = new LinkedHashMap<>();
    private final List<Supplier<BlockGrammar<?>>> neighbours = new ArrayList<>();

    public BlockGrammar(String block) {
        this.block = block;
    }

    public String block() {
        return block;
    }

    public Collection<Keyword<B>> keywords() {
        return Collections.unmodifiableCollection(keywords.values());
    }

    public boolean knows(String name) {
        return keywords.containsKey(name);
    }

    public BlockGrammar<B> add(String name, String summary, Keyword.Handler<B> handler) {
        keywords.put(name, new Keyword<>(name, handler, Support.SUPPORTED, null, summary));
        return this;
    }

    /** A keyword accepted for compatibility whose value holdfast keeps but does not act on. */
    public BlockGrammar<B> noEffect(String name, String summary, Function<B, Map<String, String>> extras) {
        keywords.put(name, new Keyword<>(name, (b, st, v) -> extras.apply(b).put(name, v.joined()),
                Support.NO_EFFECT, null, summary));
        return this;
    }

    /** An old spelling of {@code replacement}: read the same way, with a deprecation warning. */
    public BlockGrammar<B> deprecated(String name, String replacement) {
        Keyword<B> target = keywords.get(replacement);
        if (target == null) {
            throw new IllegalStateException(replacement + " must be declared before its alias " + name);
        }
        keywords.put(name, new Keyword<>(name, target.handler(), Support.DEPRECATED, replacement,
                "old name of " + replacement));
        return this;
    }

    /** Grammars whose keywords are worth naming when someone writes them in this block by mistake. */
    public BlockGrammar<B> neighbours(BlockGrammar<?>... others) {
        for (BlockGrammar<?> o : others) {
            neighbours.add(() -> o);
        }
        return this;
    }

    /** Neighbours made only when a hint needs them (a grammar built on first use). */
    public BlockGrammar<B> neighbours(List<Supplier<BlockGrammar<?>>> later) {
        neighbours.addAll(later);
        return this;
    }

    public void bind(List<Statement> statements, B builder, Diagnostics diags) {
        for (Statement st : statements) {
            bindOne(st, builder, diags);
        }
    }

    public void bindOne(Statement st, B builder, Diagnostics diags) {
        Keyword<B> k = st.keyword().quoted() ? null : keywords.get(st.name());
        if (k == null) {
            unknown(st, diags);
            return;
        }
        if (k.support() == Support.DEPRECATED) {
            diags.warning(st.position(), Kind.DEPRECATED, "'" + k.name() + "' is deprecated; read as '"
                    + k.replacement() + "'");
        }
        try {
            k.handler().handle(builder, st, new Values(st, diags));
        } catch (RuntimeException e) {
            diags.error(st.position(), Kind.VALUE, "cannot read '" + st.name() + "': " + e);
        }
    }

    private void unknown(Statement st, Diagnostics diags) {
        String name = st.name();
        String hint = "";
        String near = Suggestions.nearest(name, keywords.keySet());
        if (near != null) {
            hint = "; did you mean '" + near + "'?";
        } else {
            for (Supplier<BlockGrammar<?>> later : neighbours) {
                BlockGrammar<?> other = later.get();
                if (other.knows(name)) {
                    hint = "; '" + name + "' belongs in " + other.block() + ", not in " + block;
                    break;
                }
            }
            for (Supplier<BlockGrammar<?>> later : neighbours) {
                BlockGrammar<?> other = later.get();
                String n = hint.isEmpty() ? Suggestions.nearest(name, other.keywords.keySet()) : null;
                if (n != null) {
                    hint = "; did you mean '" + n + "' (a keyword of " + other.block() + ", not of " + block + ")?";
                    break;
                }
            }
        }
        if (hint.isEmpty() && (name.startsWith("<") || name.contains("|"))) {
            hint = " (a placeholder or a list of alternatives from a template?)";
        }
        String shown = name.length() > 60 ? name.substring(0, 57) + "..." : name;
        diags.error(st.position(), Kind.UNKNOWN_KEYWORD, "unknown keyword '" + shown + "' in " + block
                + hint + (st.hasBlock() ? " (its block is skipped)" : ""));
    }
}
