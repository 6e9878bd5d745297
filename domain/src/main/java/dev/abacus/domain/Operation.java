package dev.abacus.domain;

/** An arithmetic operation an {@link UpdateValue} applies to a value. */
public enum Operation {
    ADD {
        @Override
        public double apply(double current, double operand) {
            return current + operand;
        }
    },
    MULTIPLY {
        @Override
        public double apply(double current, double operand) {
            return current * operand;
        }
    };

    public abstract double apply(double current, double operand);
}
