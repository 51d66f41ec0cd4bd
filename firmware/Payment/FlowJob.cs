namespace PosFirmware.Payment
{
    /// <summary>What the payment flow is doing; one job at a time.</summary>
    public enum FlowJob
    {
        /// <summary>Nothing: the next job is picked on the next step.</summary>
        Idle = 0,
        /// <summary>0800 sign-in for working keys.</summary>
        SignIn = 1,
        /// <summary>0200 sale sent, waiting for the answer.</summary>
        Sale = 2,
        /// <summary>The customer confirms on the phone: waiting for the next status query.</summary>
        QueryWait = 3,
        /// <summary>Status query sent, waiting for the answer.</summary>
        Query = 4,
        /// <summary>0400 reversal sent, waiting for the answer.</summary>
        Reversal = 5,
        /// <summary>0500 settlement sent.</summary>
        Settlement = 6,
        /// <summary>0320 batch upload detail or end sent.</summary>
        Upload = 7,
        /// <summary>The operator's status query for one trace.</summary>
        OperatorQuery = 8,
        /// <summary>A receipt waits for the printer to recover.</summary>
        Printing = 9,
    }
}
