package dev.rectifier.spark.expressions;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.catalyst.analysis.TypeCheckResult;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.codegen.CodeBlock;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.catalyst.expressions.codegen.JavaCode;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * A rectifier function of an {@code array<float>} or {@code array<double>} column {@code x} and
 * more arguments: the result has x's element type, and is null where x (or another array argument)
 * is null. Java cannot extend Catalyst's {@code UnaryExpression} and the like (their {@code
 * withNewChildrenInternal} is final), so this class writes the {@code Product} methods, {@code
 * equals} and {@code hashCode} by hand: the product is the constructor's arguments, the children.
 */
public abstract class RectifierExpression extends Expression implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final List<Expression> args;
  private final Seq<Expression> children;

  /**
   * An expression shown as {@code name} (in EXPLAIN and column names) of {@code args}, the first
   * being x.
   */
  protected RectifierExpression(String name, Expression... args) {
    this.name = name;
    this.args = List.of(args);
    this.children = CollectionConverters.asScala(this.args).toSeq();
  }

  /** The argument at {@code index}. */
  protected final Expression arg(int index) {
    return args.get(index);
  }

  /** This expression on new arguments, as the constructor takes them. */
  protected abstract Expression withArgs(List<Expression> newArgs);

  /** The SQL function's name. */
  public final String name() {
    return name;
  }

  @Override
  public String prettyName() {
    return name;
  }

  @Override
  public Seq<Expression> children() {
    return children;
  }

  @Override
  public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
    return withArgs(CollectionConverters.asJava(newChildren));
  }

  @Override
  public int productArity() {
    return args.size();
  }

  @Override
  public Object productElement(int n) {
    return args.get(n);
  }

  @Override
  public boolean canEqual(Object that) {
    return that != null && that.getClass() == getClass();
  }

  @Override
  public boolean equals(Object that) {
    return canEqual(that) && ((RectifierExpression) that).args.equals(args);
  }

  @Override
  public int hashCode() {
    return getClass().hashCode() * 31 + args.hashCode();
  }

  @Override
  public boolean nullable() {
    return args.stream().anyMatch(Expression::nullable);
  }

  /** x's type, with null elements where an array argument may have them. */
  @Override
  public DataType dataType() {
    ArrayType x = (ArrayType) arg(0).dataType();
    return DataTypes.createArrayType(x.elementType(), elementsMayBeNull());
  }

  /** Whether an array argument may hold null elements (results are null there). */
  protected boolean elementsMayBeNull() {
    return args.stream()
        .anyMatch(a -> a.dataType() instanceof ArrayType t && t.containsNull() && a != weights());
  }

  /** The argument whose nulls are not copied to the result (prelu's weights); null if none. */
  protected Expression weights() {
    return null;
  }

  /** Whether x is {@code array<float>} (else it is {@code array<double>}). */
  protected final boolean isFloat() {
    return ((ArrayType) arg(0).dataType()).elementType() == DataTypes.FloatType;
  }

  /** Checks that x is {@code array<float>} or {@code array<double>}. */
  @Override
  public TypeCheckResult checkInputDataTypes() {
    if (!(arg(0).dataType() instanceof ArrayType t)
        || (t.elementType() != DataTypes.FloatType && t.elementType() != DataTypes.DoubleType)) {
      return failure("x must be array<float> or array<double>, not " + arg(0).dataType().sql());
    }
    return TypeCheckResult.TypeCheckSuccess$.MODULE$;
  }

  /** A type check failure whose message starts with the function's name. */
  protected final TypeCheckResult failure(String message) {
    return new TypeCheckResult.TypeCheckFailure(name + ": " + message);
  }

  /** Generated code {@code source} whose result is in {@code ev}. */
  protected static ExprCode generated(String source, ExprCode ev) {
    Seq<String> parts = CollectionConverters.asScala(List.of(source)).toSeq();
    Seq<JavaCode> inputs = CollectionConverters.asScala(List.<JavaCode>of()).toSeq();
    return ExprCode.apply(new CodeBlock(parts, inputs), ev.isNull(), ev.value());
  }
}
