namespace nanoFramework.Runtime.Events
{
    // source: nanoframework/nanoFramework.Runtime.Events@v1.11.39:nanoFramework.Runtime.Events/BaseEvent.cs
    public class BaseEvent
    {
    }
}
